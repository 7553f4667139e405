package dev.scaledeck.engine.health;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Asks a database directly, on a connection of its own outside any pool, whether it answers
 * {@code SELECT 1} within a timeout, and if not, why, in words ("connection refused to
 * 127.0.0.1:5 (jdbc:postgresql://127.0.0.1:5/db)"). Every wait (connect, login, query) is bounded
 * by the timeout, so a dead or hanging database cannot hang the caller. Passwords never appear
 * in the answer. Thread-safe (stateless).
 */
public final class DatabasePing {

    /**
     * @param reachable whether {@code SELECT 1} answered
     * @param roundTrip how long the {@code SELECT 1} took (or the whole attempt when it failed)
     * @param message   the round trip, or the reason it failed, with the masked URL
     */
    public record Result(boolean reachable, Duration roundTrip, String message) {
    }

    private DatabasePing() {
    }

    public static Result ping(DatabaseUrl database, Duration timeout) {
        // The driver takes whole seconds; round up so a 500 ms budget does not become "no limit".
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties props = new Properties();
        if (database.user() != null) {
            props.setProperty("user", database.user());
        }
        if (database.password() != null) {
            props.setProperty("password", database.password());
        }
        props.setProperty("connectTimeout", Integer.toString(seconds));
        props.setProperty("loginTimeout", Integer.toString(seconds));
        props.setProperty("socketTimeout", Integer.toString(seconds + 1));
        long start = System.nanoTime();
        try (Connection c = new org.postgresql.Driver().connect(database.jdbcUrl(), props)) {
            if (c == null) {
                return new Result(false, since(start), "not a PostgreSQL URL (" + where(database) + ")");
            }
            long queryStart = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(seconds);
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
            }
            Duration roundTrip = since(queryStart);
            return new Result(true, roundTrip, "SELECT 1 answered in " + Formats.text(roundTrip));
        } catch (SQLException | RuntimeException e) {
            return new Result(false, since(start), describe(e, database, timeout));
        }
    }

    /** One line for a failed database call: the reason and the masked JDBC URL. */
    public static String describe(Throwable error, DatabaseUrl database, Duration timeout) {
        String reason = NetworkErrors.networkCause(error, hostAndPort(database), timeout)
                .orElseGet(() -> error.getMessage() == null ? error.getClass().getSimpleName()
                        : DatabaseUrl.maskPasswords(error.getMessage()));
        return reason + " (" + where(database) + ")";
    }

    private static String where(DatabaseUrl database) {
        return DatabaseUrl.maskPasswords(database.jdbcUrl());
    }

    /** {@code host:port} of a JDBC URL, or the masked URL when it cannot be read (multi-host URLs). */
    static String hostAndPort(DatabaseUrl database) {
        String jdbc = database.jdbcUrl();
        try {
            URI uri = URI.create(jdbc.substring("jdbc:".length()));
            if (uri.getHost() != null) {
                return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432);
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            // fall through: show the URL instead
        }
        return where(database);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
