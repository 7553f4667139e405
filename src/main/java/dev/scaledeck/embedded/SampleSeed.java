package dev.scaledeck.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import static dev.scaledeck.embedded.SampleSchema.CONVERSIONS;
import static dev.scaledeck.embedded.SampleSchema.PROJECTS;
import static dev.scaledeck.embedded.SampleSchema.USERS;
import static dev.scaledeck.embedded.SampleSchema.WORKFLOWS;

/**
 * Writes the sample rows inside the caller's transaction: a small library of real workflows
 * and their generated code goes up once, and the server multiplies it with
 * {@code generate_series} (SQL in {@code sql/sample-seed.sql}). Stateless; thread-safe.
 */
final class SampleSeed {

    private SampleSeed() {
    }

    static void write(Connection c, int librarySize, Consumer<String> progress) throws SQLException {
        SqlScript sql = SqlScript.load("/sql/sample-seed.sql");
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(sql.get("random-seed"));
            s.execute(sql.get("definitions-table"));
        }
        writeLibrary(c, sql.get("insert-definition"), librarySize);
        Progress.report(progress, String.format("Seeding sample data: %,d users", USERS));
        update(c, sql.get("users"), USERS);
        Progress.report(progress, String.format("Seeding sample data: %,d projects", PROJECTS));
        update(c, sql.get("projects"), PROJECTS, USERS);
        Progress.report(progress, String.format("Seeding sample data: %,d workflows", WORKFLOWS));
        update(c, sql.get("workflows"), WORKFLOWS, PROJECTS, USERS, librarySize);
        Progress.report(progress, String.format("Seeding sample data: %,d conversions", CONVERSIONS));
        update(c, sql.get("conversions"), CONVERSIONS, WORKFLOWS, librarySize);
        try (Statement s = c.createStatement()) {
            s.execute(sql.get("sequences"));
        }
        update(c, sql.get("mark-seeded"), USERS, PROJECTS, WORKFLOWS, CONVERSIONS);
        try (Statement s = c.createStatement()) {
            s.execute(sql.get("analyze"));
        }
        Progress.report(progress, String.format("Sample data ready: %,d users, %,d projects, %,d workflows, "
                + "%,d conversions (%d ms)", USERS, PROJECTS, WORKFLOWS, CONVERSIONS,
                (System.nanoTime() - start) / 1_000_000));
    }

    /** Workflows of 3 to 10 nodes, converted here so the stored code is what the service would return. */
    private static void writeLibrary(Connection c, String insert, int size) throws SQLException {
        WorkflowConverter converter = new WorkflowConverter();
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (int n = 0; n < size; n++) {
                String definition = WorkflowConverter.sampleWorkflow(3 + n % 8, n);
                Conversion conversion = converter.convert(definition);
                ps.setInt(1, n);
                ps.setString(2, definition);
                ps.setInt(3, conversion.nodes());
                ps.setString(4, conversion.code());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void update(Connection c, String statement, int... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setInt(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }
}
