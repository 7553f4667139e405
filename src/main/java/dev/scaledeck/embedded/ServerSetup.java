package dev.scaledeck.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * What a freshly started embedded server needs before anyone uses it: the WAL archive
 * command and the application database. Stateless; thread-safe.
 */
final class ServerSetup {

    private ServerSetup() {
    }

    static void configure(int port, Path walArchive, String database, Consumer<String> progress) throws SQLException {
        try (Connection c = ServerConnections.open(port, "postgres")) {
            setArchiveCommand(c, WalArchive.archiveCommand(walArchive));
            createDatabaseIfMissing(c, database, progress);
        }
    }

    /*
     * A value with spaces cannot go through zonky's "-c name=value" options, so the server
     * starts with archive_mode=on and an empty command (segments wait in pg_wal) and gets the
     * command here; ALTER SYSTEM keeps it for later starts. max_connections is written too:
     * otherwise every reload logs that the file's 100 differs from the running 200.
     */
    private static void setArchiveCommand(Connection c, String command) throws SQLException {
        if (command.equals(setting(c, "archive_command")) && "200".equals(fileSetting(c, "max_connections"))) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET archive_command = " + literal(command));
            s.execute("ALTER SYSTEM SET max_connections = 200");
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static void createDatabaseIfMissing(Connection c, String database, Consumer<String> progress) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        Progress.report(progress, "Creating database " + database);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The value the configuration files give, which a reload compares with the running one. */
    private static String fileSetting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT setting FROM pg_file_settings WHERE name = ? ORDER BY seqno DESC LIMIT 1")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
