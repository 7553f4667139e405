package dev.scaledeck.engine.failover;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.health.DatabasePing;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.pool.SqlFunction;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A primary and a secondary database behind one {@link ConnectionPool} that is swapped on
 * failover and failback. Health is a direct ping of each database (outside the pool, see
 * {@link DatabasePing}). On a switch a new pool to the other database is created and takes all
 * new work at once; the old pool is closed gracefully in the background (its in-flight work may
 * finish within {@link PoolConfig#shutdownTimeout()}, then its connections are closed), so the
 * switch never waits on a dying database. {@link #withConnection} always uses the current pool.
 *
 * <p>Thread-safe.
 */
public final class DatabaseFailover implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailover.class);

    private final String name;
    private final PoolConfig poolConfig;
    private final FailoverConfig config;
    private final Clock clock;
    private final AtomicReference<ConnectionPool> current = new AtomicReference<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final ExecutorService retirer;
    private final Set<CompletableFuture<Void>> retiring = ConcurrentHashMap.newKeySet();
    private final FailoverService<DatabaseUrl> service;
    private final Object swapLock = new Object();
    private boolean closed;

    public DatabaseFailover(String name, DatabaseUrl primary, DatabaseUrl secondary, PoolConfig poolConfig,
                            FailoverConfig config, Clock clock, EventJournal journal) {
        this.name = name;
        this.poolConfig = poolConfig;
        this.config = config;
        this.clock = clock;
        this.retirer = Executors.newCachedThreadPool(new NamedThreads("scaledeck-db-failover-" + name));
        this.service = new FailoverService<>(name, new Endpoint<>(EndpointRole.PRIMARY, primary, primary.masked()),
                new Endpoint<>(EndpointRole.SECONDARY, secondary, secondary.masked()), config, this::ping, this::swapTo,
                clock, journal);
        current.set(newPool(EndpointRole.PRIMARY, primary));
    }

    /**
     * Runs {@code work} with a connection from the current pool. Work that was handed to a pool
     * just retired, and so never started, runs on the new pool instead; work that had started
     * when its database went away fails with that SQLException (it is never run twice).
     */
    public <T> T withConnection(SqlFunction<T> work) throws SQLException {
        for (int tries = 1; ; tries++) {
            ConnectionPool pool = current.get();
            boolean[] started = {false};
            try {
                return pool.withConnection(c -> {
                    started[0] = true;
                    return work.apply(c);
                });
            } catch (SQLException e) {
                boolean retiredUnderUs = !started[0] && pool.isClosing() && current.get() != pool;
                if (!retiredUnderUs || tries >= 3) {
                    throw e;
                }
            }
        }
    }

    /** The pool that takes new work now. Do not close it; this object owns it. */
    public ConnectionPool pool() {
        return current.get();
    }

    /** The database that takes new work now. */
    public DatabaseUrl activeUrl() {
        return service.active().target();
    }

    /** Pings both databases once and switches if due. */
    public FailoverSnapshot checkNow() {
        return service.checkNow();
    }

    public FailoverSnapshot snapshot() {
        return service.snapshot();
    }

    /** Checks every {@link FailoverConfig#checkInterval()} on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler) {
        service.start(scheduler);
    }

    /**
     * Stops the checks, closes the current pool gracefully and waits for retiring pools, each
     * bounded by the pool's shutdown timeout. Idempotent.
     */
    @Override
    public void close() {
        synchronized (swapLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        service.close();
        current.get().close();
        CompletableFuture<Void> all = CompletableFuture.allOf(retiring.toArray(CompletableFuture[]::new));
        try {
            all.get(poolConfig.shutdownTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Database failover {}: {} old pool(s) still closing after {}", name, retiring.size(),
                    poolConfig.shutdownTimeout());
        } catch (ExecutionException e) {
            LOG.warn("Database failover {}: closing an old pool failed", name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retirer.shutdown();
    }

    private ProbeResult ping(Endpoint<DatabaseUrl> endpoint) {
        DatabasePing.Result result = DatabasePing.ping(endpoint.target(), config.probeTimeout());
        return new ProbeResult(result.reachable(), result.message());
    }

    private void swapTo(Endpoint<DatabaseUrl> to, Endpoint<DatabaseUrl> from) {
        ConnectionPool old;
        synchronized (swapLock) {
            if (closed) {
                throw new IllegalStateException("database failover " + name + " is closed");
            }
            old = current.getAndSet(newPool(to.role(), to.target()));
        }
        retire(old);
    }

    private ConnectionPool newPool(EndpointRole role, DatabaseUrl url) {
        String poolName = name + "-" + role.name().toLowerCase(Locale.ROOT) + "-" + generation.incrementAndGet();
        return new ConnectionPool(poolName, url, poolConfig, clock);
    }

    private void retire(ConnectionPool old) {
        LOG.info("Database failover {}: closing the old pool to {} ({} unit(s) of work in flight)", name,
                old.maskedUrl(), old.inFlight());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(old::close, retirer);
        retiring.add(closing);
        closing.whenComplete((ignored, error) -> {
            retiring.remove(closing);
            if (error != null) {
                LOG.warn("Database failover {}: closing the old pool to {} failed", name, old.maskedUrl(), error);
            }
        });
    }
}
