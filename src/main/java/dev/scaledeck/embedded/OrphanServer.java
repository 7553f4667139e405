package dev.scaledeck.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A PostgreSQL left running on our data directory by an earlier run that crashed (the
 * postmaster outlives the JVM: {@code pg_ctl} detaches it). Found through
 * {@code postmaster.pid} once we hold the home lock, so no live ScaleDeck owns it. Stateless;
 * thread-safe.
 */
final class OrphanServer {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanServer.class);
    private static final Duration GRACEFUL_WAIT = Duration.ofSeconds(15);
    private static final Duration FORCED_WAIT = Duration.ofSeconds(5);

    private OrphanServer() {
    }

    /** Stops the orphan postmaster, if any, and its children; bounded. Call only while holding the home lock. */
    static void stopIfRunning(Path dataDirectory, Consumer<String> progress) throws IOException {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
        if (pidFile.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> postmaster = pidFile.get().livePostmaster();
        if (postmaster.isEmpty()) {
            if (pidFile.get().pidAlive()) {
                // The pid now belongs to an unrelated process; PostgreSQL would refuse to start
                // ("lock file already exists") although no server runs.
                LOG.warn("Removing stale {}: pid {} is no longer a PostgreSQL server",
                        dataDirectory.resolve(PostmasterPidFile.FILE_NAME), pidFile.get().pid());
                Files.deleteIfExists(dataDirectory.resolve(PostmasterPidFile.FILE_NAME));
            }
            return;
        }
        Progress.report(progress, "Stopping PostgreSQL left running by an earlier run (pid "
                + pidFile.get().pid() + ")");
        stop(postmaster.get(), pidFile.get().port());
    }

    private static void stop(ProcessHandle postmaster, int port) throws IOException {
        List<ProcessHandle> children = postmaster.descendants().collect(Collectors.toList());
        // SIGTERM asks for a "smart" shutdown, which waits for every session to end; end them
        // first, or a process still connected to the orphan would hold it up.
        terminateSessions(port);
        postmaster.destroy();
        if (!Processes.awaitExit(postmaster, GRACEFUL_WAIT)) {
            LOG.warn("Orphan PostgreSQL (pid {}) still running after {}; killing it", postmaster.pid(), GRACEFUL_WAIT);
            postmaster.destroyForcibly();
            if (!Processes.awaitExit(postmaster, FORCED_WAIT)) {
                throw new IOException("Cannot stop the PostgreSQL left running by an earlier run (pid "
                        + postmaster.pid() + "); stop it yourself and start again");
            }
        }
        // A new postmaster refuses shared memory that old backends still have attached.
        for (ProcessHandle child : children) {
            if (!Processes.awaitExit(child, FORCED_WAIT)) {
                child.destroyForcibly();
            }
        }
        LOG.info("Orphan PostgreSQL (pid {}) stopped", postmaster.pid());
    }

    private static void terminateSessions(int port) {
        if (port <= 0) {
            return;
        }
        try (Connection c = ServerConnections.open(port, "postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
        } catch (SQLException e) {
            LOG.debug("Could not end the orphan's sessions on port {}: {}", port, e.getMessage());
        }
    }
}
