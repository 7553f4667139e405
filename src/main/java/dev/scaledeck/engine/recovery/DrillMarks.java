package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Marker rows that make a drill's RPO a measurement: each is committed on a connection of its
 * own before the fault, and afterwards the newest that survived says how much committed data
 * the scenario lost. Rows carry the drill's run key, so concurrent drills and old leftovers do
 * not mix. Not thread-safe: one drill's run thread uses it.
 */
final class DrillMarks {

    static final String TABLE = "scaledeck_drill_marks";

    private final Supplier<DatabaseUrl> database;
    private final String run = "drill-" + UUID.randomUUID();
    private Instant first;
    private Instant lastCommitted;
    private int written;

    /** @param database asked each time: the pool's database may change with a failover */
    DrillMarks(Supplier<DatabaseUrl> database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Creates the table if absent and commits the first marker: the database must answer now. */
    void prepare() throws SQLException {
        try (Connection c = DrillConnections.open(database.get()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id bigserial PRIMARY KEY, run text, at timestamptz NOT NULL)");
        }
        write();
    }

    /** Commits one marker; returns its time (the server's clock). */
    Instant write() throws SQLException {
        try (Connection c = DrillConnections.open(database.get());
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                     + " (run, at) VALUES (?, clock_timestamp()) RETURNING at")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
                // Autocommit: the insert is committed once the statement has returned.
                if (first == null) {
                    first = at;
                }
                lastCommitted = at;
                written++;
                return at;
            }
        }
    }

    /**
     * Reads the newest marker of this drill that survived: nothing lost when it is the last one
     * committed before the fault, else the span between the two.
     *
     * @throws IllegalStateException when no marker was written
     */
    FaultDrill.Rpo measure() throws SQLException {
        if (lastCommitted == null) {
            throw new IllegalStateException("no marker was committed before the fault; prepare the drill first");
        }
        Instant survived;
        try (Connection c = DrillConnections.open(database.get());
             PreparedStatement ps = c.prepareStatement("SELECT max(at) FROM " + TABLE + " WHERE run = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime newest = rs.getObject(1, OffsetDateTime.class);
                survived = newest == null ? null : newest.toInstant();
            }
        }
        String last = "the last marker committed before the fault (" + DrillTimes.format(lastCommitted) + ")";
        if (survived == null) {
            return new FaultDrill.Rpo(Duration.between(first, lastCommitted), "none of the " + written
                    + " markers committed from " + DrillTimes.format(first) + " on survived; " + last + " is gone");
        }
        if (!survived.isBefore(lastCommitted)) {
            return new FaultDrill.Rpo(Duration.ZERO, last + " survived");
        }
        Duration lost = Duration.between(survived, lastCommitted);
        return new FaultDrill.Rpo(lost, last + " is gone; the newest that survived is from "
                + DrillTimes.format(survived) + ", " + lost.toMillis() + " ms earlier");
    }

    /** Deletes this drill's markers, best effort; one line saying what happened. */
    String delete() {
        if (written == 0) {
            return "no drill markers were written";
        }
        try (Connection c = DrillConnections.open(database.get());
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE run = ?")) {
            ps.setString(1, run);
            return "deleted " + ps.executeUpdate() + " drill marker(s) from " + TABLE;
        } catch (SQLException e) {
            return "could not delete the drill markers (" + TABLE + ", run " + run + "): " + e.getMessage();
        }
    }
}
