package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks that a live server is one whose base backups and recovery this process can handle.
 * Stateless; thread-safe.
 */
final class ServerFacts {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private ServerFacts() {
    }

    /** @throws IllegalStateException unless the server archives WAL, without which there is nothing to replay */
    static void requireArchiving(Connection session, DatabaseUrl url) throws SQLException {
        String mode = setting(session, "archive_mode");
        if ("off".equals(mode)) {
            throw new IllegalStateException("archive_mode is off on " + url.masked()
                    + ", so no WAL reaches an archive and nothing could be replayed onto a base backup");
        }
    }

    /**
     * @throws IllegalStateException when the server says its data directory is another one;
     *                               a user that may not read the setting is taken at its word
     */
    static void requireDataDirectory(Connection session, DatabaseUrl url, Path dataDirectory) throws SQLException {
        String reported;
        try {
            reported = setting(session, "data_directory");
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return;
            }
            throw e;
        }
        try {
            if (!Files.isSameFile(Path.of(reported), dataDirectory)) {
                throw new IllegalStateException(dataDirectory + " is not the data directory of " + url.masked()
                        + " (the server uses " + reported + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the data directory of " + url.masked() + " here (the server uses "
                    + reported + ", given was " + dataDirectory + "): " + e.getMessage(), e);
        }
    }

    static String setting(Connection session, String name) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
