package dev.scaledeck.bench;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Connections and table lists for the backup benchmark. Stateless; thread-safe. */
final class Tables {

    /**
     * Every ordinary table outside the system schemas, referenced tables before the tables
     * that reference them (depth in the foreign-key graph, then name), so a data-only restore
     * in this order satisfies the constraints. Names come quoted and schema-qualified as
     * {@code regclass} prints them. Assumes no foreign-key cycles, as in the sample schema.
     */
    private static final String IN_FOREIGN_KEY_ORDER = """
            WITH RECURSIVE depth AS (
                SELECT c.oid, 0 AS level
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                UNION ALL
                SELECT f.conrelid, d.level + 1
                FROM pg_constraint f JOIN depth d ON f.confrelid = d.oid
                WHERE f.contype = 'f' AND f.conrelid <> f.confrelid
            )
            SELECT oid::regclass::text FROM depth GROUP BY oid ORDER BY max(level), 1""";

    private Tables() {
    }

    /** A new unpooled connection; the caller closes it. */
    static Connection open(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    static List<String> inForeignKeyOrder(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(IN_FOREIGN_KEY_ORDER)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
