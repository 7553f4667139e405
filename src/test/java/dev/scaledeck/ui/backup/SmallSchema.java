package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.ui.fixtures.EngineSql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small users-and-notes schema in an engine's database, for the backup view-model tests: a
 * note belongs to its user through a foreign key, so a user backup takes the user's notes.
 */
final class SmallSchema {

    private SmallSchema() {
    }

    /** Three users with two notes each. */
    static void create(ScalingEngine engine) throws SQLException {
        EngineSql.execute(engine, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE notes (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), body text)",
                "INSERT INTO users VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')",
                "INSERT INTO notes SELECT g, 1 + (g - 1) / 2, 'note ' || g FROM generate_series(1, 6) g");
    }

    /** Every user and note as {@code users 1 Ada} / {@code notes 3 2 note 3} lines, in key order. */
    static List<String> content(ScalingEngine engine) throws SQLException {
        List<String> lines = new ArrayList<>(EngineSql.rows(engine, "users", "SELECT id, name FROM users ORDER BY id"));
        lines.addAll(EngineSql.rows(engine, "notes", "SELECT id, user_id, body FROM notes ORDER BY id"));
        return lines;
    }
}
