package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dedicated connections for backup work, straight from the driver and never from the
 * application's pool: a backup holds its connection for minutes, and a restore must not
 * share a transaction with anything else. Every connection gets the same session settings,
 * so COPY text is the same whichever connection writes or reads it (a timestamptz is
 * written in UTC; floats with full precision). Stateless.
 */
final class BackupConnections {

    /** Shows in {@code pg_stat_activity}, so an operator can tell backup sessions apart. */
    static final String APPLICATION_NAME = "scaledeck-backup";

    private static final String SESSION = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; "
            + "SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET bytea_output = 'hex'";
    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private BackupConnections() {
    }

    /** An autocommit connection with the backup session settings; transactions are begun explicitly. */
    static Connection open(DatabaseUrl database) throws SQLException {
        Properties props = new Properties();
        if (database.user() != null) {
            props.setProperty("user", database.user());
        }
        if (database.password() != null) {
            props.setProperty("password", database.password());
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        Connection c = DriverManager.getConnection(database.jdbcUrl(), props);
        try {
            c.setAutoCommit(true);
            execute(c, SESSION);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The same server and credentials, another database. */
    static DatabaseUrl otherDatabase(DatabaseUrl database, String name) {
        Matcher m = DATABASE_IN_URL.matcher(database.jdbcUrl());
        if (!m.matches()) {
            throw new BackupException("Cannot tell the database name in " + database.masked());
        }
        String query = m.group(3) == null ? "" : m.group(3);
        return DatabaseUrl.of(m.group(1) + name + query, database.user(), database.password());
    }

    static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of a query, as a long (0 when null). */
    static long queryLong(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
