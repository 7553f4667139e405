package dev.scaledeck.engine.recovery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The sample application's rows of one user (users, projects, workflows, conversions), as a
 * user-data-damaged drill picks, fingerprints and damages them. Conversions are counted up to
 * the newest one at the baseline: the sample service keeps recording conversions while the
 * drill runs, and those are not the drill's business. Stateless; thread-safe.
 */
final class UserRows {

    private static final String FINGERPRINT = "SELECT "
            + "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM users t WHERE t.id = ?) || "
            + "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM projects t WHERE t.user_id = ?) || "
            + "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM workflows t WHERE t.user_id = ?) || "
            + "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM conversions t "
            + "WHERE t.user_id = ? AND t.id <= ?)";

    private UserRows() {
    }

    /**
     * A user with projects, the one with most conversions, so the damage touches every kind of row.
     *
     * @throws IllegalStateException when no user has projects
     */
    static long choose(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.id FROM users u "
                + "WHERE EXISTS (SELECT 1 FROM projects p WHERE p.user_id = u.id) "
                + "ORDER BY (SELECT count(*) FROM conversions v WHERE v.user_id = u.id) DESC, u.id LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no user has projects to damage (table users, projects)");
            }
            return rs.getLong(1);
        }
    }

    /** The id of the user's newest conversion now, 0 when they have none: the fingerprint's upper bound. */
    static long newestConversion(Connection c, long user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM conversions WHERE user_id = ?")) {
            ps.setLong(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** One text that changes when any of the user's rows (conversions up to {@code newestConversion}) changes. */
    static String fingerprint(Connection c, long user, long newestConversion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINGERPRINT)) {
            for (int i = 1; i <= 4; i++) {
                ps.setLong(i, user);
            }
            ps.setLong(5, newestConversion);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Renames the user's projects ({@code (damaged)} appended) and deletes half of their
     * conversions (at least one), in one transaction.
     *
     * @return when the damage was done, by the server's clock, just before the commit
     */
    static Instant damage(Connection c, long user, long newestConversion) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement rename = c.prepareStatement(
                    "UPDATE projects SET name = name || ' (damaged)' WHERE user_id = ?")) {
                rename.setLong(1, user);
                rename.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM conversions WHERE id IN (SELECT id FROM "
                    + "conversions WHERE user_id = ? AND id <= ? ORDER BY id "
                    + "LIMIT greatest(1, (SELECT count(*) FROM conversions WHERE user_id = ?) / 2))")) {
                delete.setLong(1, user);
                delete.setLong(2, newestConversion);
                delete.setLong(3, user);
                delete.executeUpdate();
            }
            Instant at = DrillConnections.serverNow(c);
            c.commit();
            return at;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
