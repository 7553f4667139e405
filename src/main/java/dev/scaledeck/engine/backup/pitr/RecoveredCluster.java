package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A cluster recovered to a point in time, running on 127.0.0.1 on a port of its own, from a
 * scratch directory: {@code <scratch>/data} (the cluster) and {@code <scratch>/server.log}.
 * It has its own timeline and does not archive WAL, so it never touches the live cluster or
 * its archive. {@link #close()} stops it and deletes the scratch directory unless
 * {@link #keep()} was called. Thread-safe.
 */
public final class RecoveredCluster implements AutoCloseable {

    /** The database {@link #url()} names: the application's database in the embedded environment. */
    public static final String DEFAULT_DATABASE = "scaledeck";
    private static final Logger LOG = LoggerFactory.getLogger(RecoveredCluster.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_.$-]+");

    private final ScratchServer server;
    private final Path scratch;
    private final BaseBackup baseBackup;
    private final Instant target;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean kept;

    RecoveredCluster(ScratchServer server, Path scratch, BaseBackup baseBackup, Instant target) {
        this.server = server;
        this.scratch = scratch;
        this.baseBackup = baseBackup;
        this.target = target;
    }

    /** The {@value #DEFAULT_DATABASE} database of the recovered cluster. */
    public DatabaseUrl url() {
        return url(DEFAULT_DATABASE);
    }

    /**
     * A database of the recovered cluster, as the cluster's superuser {@code postgres} without
     * a password (the recovered cluster keeps the source's pg_hba.conf, which for the embedded
     * database trusts local connections).
     */
    public DatabaseUrl url(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database must be a plain name (letters, digits, _ . $ -), but was " + database);
        }
        return DatabaseUrl.of(server.jdbcUrl(database), ScratchServer.USER, null);
    }

    public int port() {
        return server.port();
    }

    /** {@code <scratch>/data}: the recovered cluster's data directory. */
    public Path dataDirectory() {
        return scratch.resolve(PointInTimeRecovery.DATA);
    }

    /** The scratch directory holding {@link #dataDirectory()} and the server's log. */
    public Path scratchDirectory() {
        return scratch;
    }

    /** {@code <scratch>/server.log}: what the recovered server said, recovery included. */
    public Path serverLog() {
        return server.log().file();
    }

    public BaseBackup baseBackup() {
        return baseBackup;
    }

    /** The time recovered to: the state after the last transaction committed at or before it. */
    public Instant target() {
        return target;
    }

    /**
     * Leaves the scratch directory in place when this cluster is closed, for the operator to
     * use as the replacement database; call it before {@link #close()}. After {@link #close()}, {@link #dataDirectory()} holds
     * a complete, cleanly stopped cluster on a new timeline. To make it the embedded database:
     * stop ScaleDeck; move {@code SCALEDECK_HOME/postgres} aside (keep it until the new one is
     * checked); move {@link #dataDirectory()} to {@code SCALEDECK_HOME/postgres}; start
     * ScaleDeck, which starts it with archiving on and sets archive_command again (the
     * recovery settings at the end of its postgresql.auto.conf are inert once promoted); then
     * take a new base backup at once, since older ones belong to the old timeline. For a
     * database elsewhere, copy the rows needed out of {@link #url()} before closing instead.
     */
    public void keep() {
        kept = true;
    }

    public boolean kept() {
        return kept;
    }

    /** Stops the server (bounded) and deletes the scratch directory unless {@link #keep()} was called. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        if (kept) {
            LOG.info("Recovered cluster ({} at {}) stopped and kept in {}", baseBackup.id(), target, dataDirectory());
            return;
        }
        PrivateFiles.deleteTreeQuietly(scratch, "the recovery scratch directory");
    }

    @Override
    public String toString() {
        return "RecoveredCluster[" + target + " from " + baseBackup.id() + ", port " + port() + ", " + scratch + "]";
    }
}
