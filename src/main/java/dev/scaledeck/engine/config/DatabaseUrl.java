package dev.scaledeck.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the database is: a JDBC URL plus the credentials, read from either
 * {@code jdbc:postgresql://host:port/db?user=..&password=..} or
 * {@code postgres://user:pass@host:port/db}. {@link #toString()} and {@link #masked()} never
 * show the password.
 */
public final class DatabaseUrl {

    public static final String ALLOWED =
            "a JDBC URL (jdbc:postgresql://host:port/db) or postgres://user:password@host:port/db";
    /** Up to the next parameter or white space: in a log line, the rest of the line is not the password. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s]*");
    private static final Pattern USER_PASSWORD = Pattern.compile("(://[^/:@\\s]+):[^@/\\s]+@");

    private final String jdbcUrl;
    private final String user;
    private final String password;

    private DatabaseUrl(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** A JDBC URL with separate credentials (the embedded database uses this). */
    public static DatabaseUrl of(String jdbcUrl, String user, String password) {
        return new DatabaseUrl(jdbcUrl, user, password);
    }

    /**
     * Parses either accepted form.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static DatabaseUrl parse(String text) {
        String t = text.trim();
        if (t.startsWith("jdbc:postgresql://")) {
            URI uri = uri(t.substring("jdbc:".length()));
            requireHostAndDatabase(uri);
            return new DatabaseUrl(t, null, null);
        }
        if (t.startsWith("postgres://") || t.startsWith("postgresql://")) {
            URI uri = uri(t);
            requireHostAndDatabase(uri);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
            return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
        }
        throw new IllegalArgumentException(ALLOWED);
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ALLOWED + " (" + e.getReason() + ")");
        }
    }

    private static void requireHostAndDatabase(URI uri) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(ALLOWED + " (no host)");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException(ALLOWED + " (no database name)");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The JDBC URL as given; it may carry a password parameter, so never log it: use {@link #masked()}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user, or null when the JDBC URL carries it. */
    public String user() {
        return user;
    }

    /** The password, or null when the JDBC URL carries it or none is needed. */
    public String password() {
        return password;
    }

    /**
     * New driver properties holding the user and password given apart from the JDBC URL (none
     * when the URL carries them), for a connection of its own; add the session's settings to them.
     */
    public Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** The JDBC URL with the user shown and any password replaced by {@code ****}. */
    public String masked() {
        return maskPasswords(jdbcUrl) + (user != null ? " (user " + user + (password != null ? ", password ****)" : ")") : "");
    }

    /** Replaces {@code password=...} parameters and {@code user:pass@} credentials in any URL-like text. */
    public static String maskPasswords(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('@') < 0 && text.indexOf('=') < 0) {
            return text; // most log lines: nothing to mask, and no regex run
        }
        String masked = PASSWORD_PARAM.matcher(text).replaceAll("$1****");
        return USER_PASSWORD.matcher(masked).replaceAll("$1:****@");
    }

    @Override
    public String toString() {
        return masked();
    }
}
