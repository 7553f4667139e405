package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Gets a live server's WAL up to now into its archive: finishes the current segment and
 * waits until the archiver reports it copied. Stateless; thread-safe.
 */
final class ArchiveFlush {

    private static final long POLL_MILLIS = 100;
    private static final int SEGMENT_NAME_LENGTH = 24;

    private ArchiveFlush() {
    }

    /**
     * @return the name of the last segment now archived
     * @throws IOException when the server cannot be asked, does not archive, or has not
     *                     archived the segment within {@code wait}; the message says which
     */
    static String flush(DatabaseUrl live, Duration wait) throws IOException {
        try (Connection session = Sessions.open(live, "ScaleDeck WAL flush"); Statement s = session.createStatement()) {
            ServerFacts.requireArchiving(session, live);
            // Replay stops at the first commit after the target; without one past the target,
            // PostgreSQL ends recovery with "recovery ended before configured recovery target
            // was reached". A transaction that takes an id commits with a record of its own.
            s.execute("SELECT pg_current_xact_id()");
            String segment;
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                segment = rs.getString(1);
            }
            awaitArchived(s, live, segment, wait);
            return segment;
        } catch (SQLException | IllegalStateException e) {
            throw new IOException("Cannot get the WAL of " + live.masked() + " into its archive: " + e.getMessage(), e);
        }
    }

    private static void awaitArchived(Statement s, DatabaseUrl live, String segment, Duration wait)
            throws SQLException, IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT last_archived_wal, last_failed_wal, last_failed_time FROM pg_stat_archiver")) {
                rs.next();
                String archived = rs.getString(1);
                if (covers(archived, segment)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    String failed = rs.getString(2);
                    throw new IOException("WAL segment " + segment + " of " + live.masked() + " was not archived within "
                            + wait.toSeconds() + " s (last archived: " + (archived != null ? archived : "none")
                            + (failed != null ? "; last failure: " + failed + " at " + rs.getString(3) : "")
                            + "); check the server's archive_command and its log");
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for " + segment + " to be archived");
            }
        }
    }

    /**
     * Whether the archiver is at or past {@code segment}. Names on one timeline sort by
     * position; a backup history file ({@code <segment>.<offset>.backup}) belongs to a
     * segment that is still being written, so it counts only for earlier segments.
     */
    static boolean covers(String archived, String segment) {
        if (archived == null || archived.length() < SEGMENT_NAME_LENGTH) {
            return false;
        }
        int order = archived.substring(0, SEGMENT_NAME_LENGTH).compareTo(segment);
        return order > 0 || order == 0 && archived.length() == SEGMENT_NAME_LENGTH;
    }
}
