package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for tests: one connection per call, autocommit, so every statement is committed when it returns. */
final class Sql {

    private Sql() {
    }

    static void execute(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    static List<String> column(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    static String value(DatabaseUrl url, String sql) throws SQLException {
        return column(url, sql).get(0);
    }

    /** The server's clock now: after the previous call's commit, by the clock commit timestamps use. */
    static Instant serverNow(DatabaseUrl url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }
}
