package dev.scaledeck.engine.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.health.DatabasePing;
import dev.scaledeck.engine.util.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The database connection pool (HikariCP) with the operator's view on top: acquire-wait
 * percentiles, timeouts, leak warnings and a graceful, bounded shutdown. All database work
 * goes through {@link #withConnection}. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final int WAIT_WINDOW_SECONDS = 10;
    /** An acquire that waits this long is worth a DEBUG line (a free connection takes microseconds). */
    private static final long SLOW_ACQUIRE_NANOS = Duration.ofMillis(100).toNanos();

    private final PoolConfig config;
    private final Clock clock;
    private final HikariDataSource dataSource;
    private final DatabaseUrl database;
    private final String maskedUrl;
    private final AcquireWaitRecorder waits = new AcquireWaitRecorder(WAIT_WINDOW_SECONDS);
    private final LongAdder acquired = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder leakWarnings = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Checkout> checkouts = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final LogThrottle slowAcquireLog = new LogThrottle(Duration.ofSeconds(1));
    private final Object drained = new Object();

    /** A connection lent out: who holds it and since when, for leak warnings. */
    private static final class Checkout {
        final long sinceNanos = System.nanoTime();
        final String thread = Thread.currentThread().getName();
        volatile boolean reported;
    }

    public ConnectionPool(String name, DatabaseUrl database, PoolConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.maskedUrl = database.masked();
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(database.jdbcUrl());
        if (database.user() != null) {
            hc.setUsername(database.user());
        }
        if (database.password() != null) {
            hc.setPassword(database.password());
        }
        hc.setMinimumIdle(config.minConnections());
        hc.setMaximumPoolSize(config.maxConnections());
        hc.setConnectionTimeout(config.acquireTimeout().toMillis());
        hc.setIdleTimeout(config.idleTimeout().toMillis());
        // Start even when the database is not reachable yet: callers get a clear timeout,
        // the window keeps running, and the pool connects as soon as the database is up.
        hc.setInitializationFailTimeout(-1);
        hc.setRegisterMbeans(false);
        this.dataSource = new HikariDataSource(hc);
        LOG.info("Connection pool {} to {} (min {}, max {}, acquire timeout {})", name, maskedUrl,
                config.minConnections(), config.maxConnections(), config.acquireTimeout());
    }

    /**
     * Runs {@code work} with a pooled connection and returns its result; the connection goes
     * back to the pool afterwards, whatever happens.
     *
     * @throws SQLTransientConnectionException when no connection frees up within the acquire
     *                                         timeout, or the pool is shutting down
     */
    public <T> T withConnection(SqlFunction<T> work) throws SQLException {
        if (closing.get()) {
            throw new SQLTransientConnectionException("Connection pool " + dataSource.getPoolName()
                    + " is shutting down; no new work is accepted");
        }
        inFlight.incrementAndGet();
        try {
            Connection connection = acquire();
            Checkout checkout = new Checkout();
            checkouts.add(checkout);
            try (connection) {
                return work.apply(connection);
            } finally {
                checkouts.remove(checkout);
            }
        } finally {
            if (inFlight.decrementAndGet() == 0 && closing.get()) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    private Connection acquire() throws SQLException {
        long start = System.nanoTime();
        try {
            Connection c = dataSource.getConnection();
            long waited = System.nanoTime() - start;
            waits.record(waited);
            acquired.increment();
            if (waited >= SLOW_ACQUIRE_NANOS && LOG.isDebugEnabled()) {
                logWait("waited", waited);
            }
            return c;
        } catch (SQLTransientConnectionException e) {
            long waited = System.nanoTime() - start;
            waits.record(waited);
            timeouts.increment();
            if (LOG.isDebugEnabled()) {
                logWait("gave up after", waited);
            }
            throw e;
        }
    }

    /** At most one line a second, however many callers wait: under exhaustion every acquire is slow. */
    private void logWait(String what, long nanos) {
        long held = slowAcquireLog.pass();
        if (held < 0) {
            return;
        }
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        LOG.debug("Pool {}: a caller {} {} ms for a connection ({}/{} in use, {} waiting){}", dataSource.getPoolName(),
                what, nanos / 1_000_000, mx == null ? "?" : mx.getActiveConnections(), config.maxConnections(),
                mx == null ? "?" : mx.getThreadsAwaitingConnection(), held > 0 ? "; " + held + " more slow acquires not logged" : "");
    }

    /**
     * Counts connections held longer than the leak threshold, once each, and logs who holds
     * them. Called by the resource monitor every sample.
     *
     * @return connections currently held beyond the threshold
     */
    public int checkLeaks() {
        Duration threshold = config.leakDetection();
        if (threshold.isZero()) {
            return 0;
        }
        long now = System.nanoTime();
        int held = 0;
        for (Checkout c : checkouts) {
            if (now - c.sinceNanos > threshold.toNanos()) {
                held++;
                if (!c.reported) {
                    c.reported = true;
                    leakWarnings.increment();
                    LOG.warn("Possible connection leak: thread {} has held a connection for more than {}",
                            c.thread, threshold);
                }
            }
        }
        return held;
    }

    /** A point-in-time snapshot; cheap enough to call several times a second. */
    public PoolStats stats() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        long[] p = waits.percentiles();
        boolean closed = dataSource.isClosed() || mx == null;
        return new PoolStats(clock.instant(), config.minConnections(), config.maxConnections(),
                closed ? 0 : mx.getActiveConnections(), closed ? 0 : mx.getIdleConnections(),
                closed ? 0 : mx.getTotalConnections(), closed ? 0 : mx.getThreadsAwaitingConnection(),
                Duration.ofNanos(p[0]), Duration.ofNanos(p[1]), acquired.sum(), timeouts.sum(),
                leakWarnings.sum(), closed);
    }

    public PoolConfig config() {
        return config;
    }

    /** Where the pool connects; never log {@link DatabaseUrl#jdbcUrl()} itself, it may hold a password. */
    public DatabaseUrl database() {
        return database;
    }

    /** The database URL with any password masked, for display. */
    public String maskedUrl() {
        return maskedUrl;
    }

    /**
     * Whether the database answers within {@code timeout}, on a connection of its own outside
     * the pool: a pool that is only exhausted must not make a healthy database look down, and
     * the answer must not wait for the acquire timeout.
     */
    public boolean ping(Duration timeout) {
        return DatabasePing.ping(database, timeout).reachable();
    }

    /**
     * Drops the pool's connections so the next borrowers get new ones: idle connections close
     * now, those lent out close when they come back. For after the database server restarted,
     * whose old sessions are gone; without it a borrower may get a dead connection first.
     */
    public void resetConnections() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx != null && !dataSource.isClosed()) {
            mx.softEvictConnections();
            LOG.info("Connection pool {}: connections reset; new ones are opened as needed", dataSource.getPoolName());
        }
    }

    /**
     * Stops taking new work, lets in-flight work finish for up to the configured shutdown
     * timeout, then closes every connection. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        synchronized (drained) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("Connection pool {}: {} unit(s) of work still running after {}; closing anyway",
                            dataSource.getPoolName(), inFlight.get(), config.shutdownTimeout());
                    break;
                }
                try {
                    drained.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        dataSource.close();
        LOG.info("Connection pool {} closed", dataSource.getPoolName());
    }

    /** Work currently running through {@link #withConnection} (waiting or holding a connection). */
    public int inFlight() {
        return inFlight.get();
    }

    public boolean isClosing() {
        return closing.get();
    }
}
