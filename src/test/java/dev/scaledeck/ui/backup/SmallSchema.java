package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.ScalingEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small users-and-notes schema in an engine's database, and SQL to change and read it, for the
 * backup view-model tests: a note belongs to its user through a foreign key, so a user backup
 * takes the user's notes.
 */
final class SmallSchema {

    private SmallSchema() {
    }

    /** Three users with two notes each. */
    static void create(ScalingEngine engine) throws SQLException {
        sql(engine, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE notes (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), body text)",
                "INSERT INTO users VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')",
                "INSERT INTO notes SELECT g, 1 + (g - 1) / 2, 'note ' || g FROM generate_series(1, 6) g");
    }

    static void sql(ScalingEngine engine, String... statements) throws SQLException {
        engine.pool().withConnection(c -> {
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            return null;
        });
    }

    /** Every user and note as {@code users 1 Ada} / {@code notes 3 2 note 3} lines, in key order. */
    static List<String> content(ScalingEngine engine) throws SQLException {
        return engine.pool().withConnection(c -> {
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT id, name FROM users ORDER BY id")) {
                    while (rs.next()) {
                        lines.add("users " + rs.getLong(1) + " " + rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT id, user_id, body FROM notes ORDER BY id")) {
                    while (rs.next()) {
                        lines.add("notes " + rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getString(3));
                    }
                }
            }
            return lines;
        });
    }
}
