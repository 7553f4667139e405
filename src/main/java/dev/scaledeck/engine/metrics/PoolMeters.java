package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.pool.PoolStats;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.function.Supplier;

/** The connection pool, from one {@link PoolStats} per scrape. */
final class PoolMeters implements MeterGroup {

    private final Supplier<PoolStats> stats;
    private final MeterFamily active;
    private final MeterFamily idle;
    private final MeterFamily open;
    private final MeterFamily max;
    private final MeterFamily min;
    private final MeterFamily waiting;
    private final MeterFamily acquireWait;
    private final MeterFamily acquired;
    private final MeterFamily timeouts;
    private final MeterFamily leaks;

    /** @param stats the pool's snapshot; ask the engine each time, as the pool changes on failover */
    PoolMeters(Families f, Supplier<PoolStats> stats) {
        this.stats = stats;
        active = f.gauge("pool.connections.active", "Connections lent out");
        idle = f.gauge("pool.connections.idle", "Connections ready in the pool");
        open = f.gauge("pool.connections.open", "Connections open (active and idle)");
        max = f.gauge("pool.connections.max", "Most connections the pool opens (pool.maxConnections)");
        min = f.gauge("pool.connections.min", "Idle connections the pool keeps ready (pool.minConnections)");
        waiting = f.gauge("pool.threads.waiting", "Threads waiting for a connection");
        acquireWait = f.seconds("pool.acquire.wait", "Wait for a connection over the last seconds, by quantile");
        acquired = f.counter("pool.acquired", "Connections lent out since the pool started");
        timeouts = f.counter("pool.acquire.timeouts", "Callers that gave up waiting for a connection");
        leaks = f.counter("pool.leak.warnings", "Connections held longer than the leak threshold");
    }

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public void refresh() {
        PoolStats s = stats.get();
        active.set(s.active());
        idle.set(s.idle());
        open.set(s.total());
        max.set(s.max());
        min.set(s.min());
        waiting.set(s.waiting());
        acquireWait.set(Map.of(Tags.of("quantile", "0.5"), Families.seconds(s.acquireWaitP50()),
                Tags.of("quantile", "0.99"), Families.seconds(s.acquireWaitP99())));
        acquired.set(s.acquired());
        timeouts.set(s.acquireTimeouts());
        leaks.set(s.leakWarnings());
    }
}
