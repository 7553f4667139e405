package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One non-exclusive backup through PostgreSQL's low-level API ({@code pg_backup_start} ..
 * {@code pg_backup_stop}) on one session, which must stay open in between: the server ends a
 * non-exclusive backup when its session ends. {@link #close()} stops a backup that was
 * started but not stopped, then closes the session. Not thread-safe: one thread drives it.
 */
final class LowLevelBackup implements AutoCloseable {

    /** What pg_backup_stop returned. */
    record Stopped(String lsn, String labelFile, String tablespaceMap, Instant time, long timeline) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LowLevelBackup.class);
    private static final Pattern TIMELINE = Pattern.compile("^START TIMELINE: (\\d+)$", Pattern.MULTILINE);
    private static final String QUERY_CANCELED = "57014";

    private final Connection session;
    private final String startLsn;
    private final Instant startTime;
    private boolean stopCalled;

    private LowLevelBackup(Connection session, String startLsn, Instant startTime) {
        this.session = session;
        this.startLsn = startLsn;
        this.startTime = startTime;
    }

    /**
     * Checks that {@code dataDirectory} is the server's and that it archives WAL, then starts
     * the backup with an immediate checkpoint.
     *
     * @throws SQLException       when the server refuses
     * @throws IllegalStateException when the server is not one whose backup this process can take
     */
    static LowLevelBackup start(DatabaseUrl url, Path dataDirectory, String label) throws SQLException {
        Connection session = Sessions.open(url, "ScaleDeck base backup");
        try {
            ServerFacts.requireArchiving(session, url);
            ServerFacts.requireDataDirectory(session, url, dataDirectory);
            try (PreparedStatement start = session.prepareStatement("SELECT pg_backup_start(?, true)::text, clock_timestamp()")) {
                start.setString(1, label);
                try (ResultSet rs = start.executeQuery()) {
                    rs.next();
                    return new LowLevelBackup(session, rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    String startLsn() {
        return startLsn;
    }

    Instant startTime() {
        return startTime;
    }

    /**
     * Stops the backup and waits, at most {@code archiveWait}, until the WAL it needs is archived.
     *
     * @throws SQLException when the server refuses or the WAL was not archived in time
     */
    Stopped stop(Duration archiveWait) throws SQLException {
        stopCalled = true;
        try (Statement s = session.createStatement()) {
            s.execute("SET statement_timeout = " + archiveWait.toMillis());
            try (ResultSet rs = s.executeQuery(
                    "SELECT s.lsn::text, s.labelfile, s.spcmapfile, clock_timestamp() FROM pg_backup_stop(true) s")) {
                rs.next();
                String label = rs.getString(2);
                return new Stopped(rs.getString(1), label, rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), timeline(label));
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw new SQLException("the WAL this backup needs was not archived within " + archiveWait.toSeconds()
                        + " s; check archive_command and pg_stat_archiver on the server", e.getSQLState(), e);
            }
            throw e;
        }
    }

    private static long timeline(String label) {
        Matcher m = TIMELINE.matcher(label);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Stops an unfinished backup without waiting for the archive, then closes the session. */
    @Override
    public void close() {
        if (!stopCalled) {
            stopCalled = true;
            try (Statement s = session.createStatement()) {
                s.execute("SELECT pg_backup_stop(false)");
            } catch (SQLException e) {
                // Closing the session below ends the backup as well.
                LOG.warn("pg_backup_stop after a failed base backup did not succeed ({}); closing its session", e.getMessage());
            }
        }
        closeQuietly(session);
    }

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException e) {
            LOG.debug("Closing the backup session failed: {}", e.getMessage());
        }
    }
}
