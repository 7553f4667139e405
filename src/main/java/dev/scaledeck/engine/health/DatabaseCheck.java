package dev.scaledeck.engine.health;

import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.engine.util.NamedThreads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Database connectivity and the round trip of {@code SELECT 1} through the connection pool.
 * Critical: a database that is DOWN makes the application DOWN.
 *
 * <p>It first pings the database directly (outside the pool), so a dead database is DOWN with
 * its reason within the check timeout instead of waiting for the pool's acquire timeout. Only a
 * database that answers is then asked through the pool: slow is DEGRADED, and a pool that gives
 * no connection in time while the database answers directly is DEGRADED too (the pool, not the
 * database, is the problem). Thread-safe.
 */
public final class DatabaseCheck implements HealthCheck {

    private final String name;
    private final Supplier<ConnectionPool> pool;
    private final HealthConfig config;
    private final Clock clock;
    /** Threads for the pool query, so it can be cut off at the timeout; idle ones end after a minute. */
    private final ExecutorService poolQueries;

    /** A check named {@code database} on a fixed pool. */
    public DatabaseCheck(ConnectionPool pool, HealthConfig config, Clock clock) {
        this("database", () -> pool, config, clock);
    }

    /** A check on whatever pool {@code pool} returns now, e.g. {@code databaseFailover::pool}. */
    public DatabaseCheck(String name, Supplier<ConnectionPool> pool, HealthConfig config, Clock clock) {
        this.name = name;
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.poolQueries = Executors.newCachedThreadPool(new NamedThreads("scaledeck-health-" + name));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        ConnectionPool current = pool.get();
        Duration timeout = config.checkTimeout();
        DatabasePing.Result ping = DatabasePing.ping(current.database(), timeout);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", current.maskedUrl());
        if (!ping.reachable()) {
            return result(HealthStatus.DOWN, ping.message(), start, details);
        }
        details.put("directRoundTripMillis", ping.roundTrip().toMillis());
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        Future<Duration> query = poolQueries.submit(() -> selectOne(current));
        try {
            Duration roundTrip = query.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
            details.put("roundTripMillis", roundTrip.toMillis());
            Duration limit = config.databaseDegradedAbove();
            if (roundTrip.compareTo(limit) > 0) {
                return result(HealthStatus.DEGRADED, "SELECT 1 through the pool took " + Formats.text(roundTrip)
                        + ", above the " + Formats.text(limit) + " limit", start, details);
            }
            return result(HealthStatus.UP, "SELECT 1 through the pool took " + Formats.text(roundTrip)
                    + " (limit " + Formats.text(limit) + ")", start, details);
        } catch (TimeoutException e) {
            query.cancel(true);
            return result(HealthStatus.DEGRADED, "the database answers directly (" + Formats.text(ping.roundTrip())
                    + ") but the pool gave no connection within " + Formats.text(timeout) + " (" + poolLoad(current) + ")",
                    start, details);
        } catch (ExecutionException e) {
            return result(HealthStatus.DEGRADED, "the database answers directly but SELECT 1 through the pool failed: "
                    + DatabasePing.describe(e.getCause(), current.database(), timeout), start, details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            query.cancel(true);
            return result(HealthStatus.DOWN, "check interrupted", start, details);
        }
    }

    /** Acquire plus query: what the application's own work waits for. */
    private static Duration selectOne(ConnectionPool pool) throws SQLException {
        long start = System.nanoTime();
        pool.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                return rs.next();
            }
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String poolLoad(ConnectionPool pool) {
        PoolStats s = pool.stats();
        return s.active() + "/" + s.max() + " connections in use, " + s.waiting() + " waiting";
    }

    private HealthResult result(HealthStatus status, String message, long startNanos, Map<String, Object> details) {
        Instant now = clock.instant();
        return new HealthResult(name, status, message, Duration.ofNanos(System.nanoTime() - startNanos), now, details);
    }
}
