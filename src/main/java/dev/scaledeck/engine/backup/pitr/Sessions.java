package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Single unpooled connections for backup and recovery work: a backup must start and stop on
 * the same session, which a pool cannot promise. Stateless; thread-safe.
 */
final class Sessions {

    private static final String CONNECT_TIMEOUT_SECONDS = "10";

    private Sessions() {
    }

    /** A new connection; the caller closes it. Waits on the server without a socket timeout: callers bound their statements. */
    static Connection open(DatabaseUrl url, String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }
}
