package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Properties;

/**
 * Connections of a drill's own, straight from the driver: a drill measures the database the
 * pool uses, and must not wait for (or disturb) the pool while the fault it injected lasts.
 * Stateless; thread-safe.
 */
final class DrillConnections {

    static final String APPLICATION_NAME = "scaledeck-drill";
    private static final String CONNECT_TIMEOUT_SECONDS = "5";
    private static final String SOCKET_TIMEOUT_SECONDS = "60";

    private DrillConnections() {
    }

    /** An autocommit connection; the caller closes it. */
    static Connection open(DatabaseUrl database) throws SQLException {
        Properties props = database.credentials();
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        props.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        return DriverManager.getConnection(database.jdbcUrl(), props);
    }

    /** The server's clock now ({@code clock_timestamp()}), the clock commits and point-in-time targets use. */
    static Instant serverNow(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
