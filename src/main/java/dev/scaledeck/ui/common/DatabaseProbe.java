package dev.scaledeck.ui.common;

import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks now and then whether the database answers, on its own thread: a ping borrows a
 * connection and can block while the pool is exhausted, which must stall neither the sampler
 * nor the FX thread. The sampler reads the latest result. Thread-safe.
 */
public final class DatabaseProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);

    private final ConnectionPool pool;
    private final Duration interval;
    private final Duration timeout;
    private volatile DatabaseStatus status = DatabaseStatus.CHECKING;
    private ScheduledThreadPoolExecutor thread;
    private boolean closed;

    public DatabaseProbe(ConnectionPool pool, Duration interval, Duration timeout) {
        this.pool = pool;
        this.interval = interval;
        this.timeout = timeout;
    }

    /** Checks at once, then every interval. */
    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        thread = new ScheduledThreadPoolExecutor(1, new NamedThreads("scaledeck-ui-dbprobe"));
        thread.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warn("Database check failed; the next one runs as scheduled", e);
        }
    }

    /** Checks on the calling thread (which may block up to the pool's acquire timeout) and returns the result. */
    public DatabaseStatus checkNow() {
        DatabaseStatus result = pool.ping(timeout) ? DatabaseStatus.REACHABLE : DatabaseStatus.UNREACHABLE;
        status = result;
        return result;
    }

    /** The latest result; {@link DatabaseStatus#CHECKING} until the first check finished. */
    public DatabaseStatus status() {
        return status;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
