package dev.scaledeck.embedded;

import dev.scaledeck.engine.pool.ConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * The sample converter application's schema ({@code users}, {@code projects},
 * {@code workflows}, {@code conversions}) and its sample data: created when missing and
 * seeded on the first start only, all in one transaction, so a database is either untouched
 * or fully seeded. Concurrent callers (two processes on one database) are serialised by an
 * advisory lock. Stateless; thread-safe.
 */
public final class SampleSchema {

    public static final int USERS = 1_000;
    public static final int PROJECTS = 3_200;
    public static final int WORKFLOWS = 50_000;
    public static final int CONVERSIONS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(SampleSchema.class);
    /** Any constant works; it only has to be the same for every caller of {@link #ensure}. */
    private static final long ADVISORY_LOCK_KEY = 0x5CA1EDECL;
    private static final int LIBRARY_SIZE = 64;

    private SampleSchema() {
    }

    /**
     * Creates the schema if missing and seeds it if it has never been seeded and is empty.
     * Calling it again changes nothing.
     *
     * @param progress told what is happening, with row counts
     */
    public static void ensure(ConnectionPool pool, Consumer<String> progress) throws SQLException {
        pool.withConnection(c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ensureIn(c, progress);
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        });
    }

    private static void ensureIn(Connection c, Consumer<String> progress) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
            for (String ddl : SqlScript.load("/sql/sample-schema.sql").statements().values()) {
                s.execute(ddl);
            }
        }
        if (alreadySeeded(c)) {
            LOG.debug("Sample schema present and seeded");
            return;
        }
        if (count(c, "users") > 0) {
            LOG.info("Table users already has rows that ScaleDeck did not write; not adding sample data");
            return;
        }
        SampleSeed.write(c, LIBRARY_SIZE, progress);
    }

    private static boolean alreadySeeded(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sample_seed")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** The row counts now. */
    public static SchemaCounts counts(ConnectionPool pool) throws SQLException {
        return pool.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM users), "
                    + "(SELECT count(*) FROM projects), (SELECT count(*) FROM workflows), "
                    + "(SELECT count(*) FROM conversions)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SchemaCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        });
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
