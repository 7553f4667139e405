package dev.scaledeck.engine.pool;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.config.MonitorConfig;
import dev.scaledeck.engine.metrics.BoundedHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samples the pool and the JVM at a fixed rate and raises or clears the seed's alerts:
 * heap above the memory threshold, pool exhaustion (callers waiting while every connection is
 * busy, or any acquire timeout since the last sample), connection leaks, and scheduler lag above
 * the lag threshold. Keeps a bounded history of samples. Thread-safe.
 */
public final class ResourceMonitor implements AutoCloseable {

    public static final String ALERT_MEMORY = "memory.high";
    public static final String ALERT_POOL_EXHAUSTED = "pool.exhausted";
    public static final String ALERT_POOL_LEAK = "pool.leak";
    public static final String ALERT_LAG = "scheduler.lag";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);
    private static final int HISTORY = 600;

    private final java.util.function.Supplier<ConnectionPool> pool;
    private final AlertCenter alerts;
    private final MonitorConfig config;
    private final Clock clock;
    private final BoundedHistory<ResourceMetrics> history = new BoundedHistory<>(HISTORY);
    private long lastGcMillis = totalGcMillis();
    private long lastTimeouts;
    private long expectedNanos;
    private ScheduledFuture<?> task;

    public ResourceMonitor(ConnectionPool pool, AlertCenter alerts, MonitorConfig config, Clock clock) {
        this(() -> pool, alerts, config, clock);
    }

    /** @param pool the pool to watch now (it changes when the database fails over) */
    public ResourceMonitor(java.util.function.Supplier<ConnectionPool> pool, AlertCenter alerts, MonitorConfig config,
                           Clock clock) {
        this.pool = pool;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    /** Starts sampling on {@code scheduler} every configured interval. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (task != null) {
            return;
        }
        long interval = config.interval().toNanos();
        expectedNanos = System.nanoTime() + interval;
        task = scheduler.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            Duration lag;
            synchronized (this) {
                lag = Duration.ofNanos(Math.max(0, now - expectedNanos));
                // A fixed-rate schedule that fell behind fires back to back; measure each run
                // against its own slot, not against the first missed one.
                long interval = config.interval().toNanos();
                expectedNanos += interval * Math.max(1, (now - expectedNanos) / interval + 1);
            }
            sample(lag);
        } catch (RuntimeException e) {
            LOG.warn("Resource sample failed; the next one runs as scheduled", e);
        }
    }

    /** Takes one sample now with the given scheduler lag, evaluates the alerts and returns it. */
    public ResourceMetrics sample(Duration schedulerLag) {
        ConnectionPool current = pool.get();
        int leaksHeld = current.checkLeaks();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gcTotal = totalGcMillis();
        ResourceMetrics m;
        synchronized (this) {
            Duration gc = Duration.ofMillis(Math.max(0, gcTotal - lastGcMillis));
            lastGcMillis = gcTotal;
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            m = new ResourceMetrics(clock.instant(), current.stats(), heap.getUsed(), max, gc, schedulerLag, leaksHeld);
            history.add(m);
        }
        evaluate(m);
        return m;
    }

    /** Raises or clears each alert from one sample. */
    void evaluate(ResourceMetrics m) {
        PoolStats p = m.pool();
        long newTimeouts;
        synchronized (this) {
            newTimeouts = p.acquireTimeouts() - lastTimeouts;
            lastTimeouts = p.acquireTimeouts();
        }
        double memLimit = config.memoryAlertPercent();
        alerts.set(m.heapPercent() > memLimit, ALERT_MEMORY, Severity.WARNING, "jvm",
                String.format("Heap use %.0f %% > %.0f %% (%d of %d MiB)", m.heapPercent(), memLimit,
                        m.heapUsed() >> 20, m.heapMax() >> 20),
                String.format("heap use back to %.0f %%", m.heapPercent()));
        boolean exhausted = p.exhausted() || newTimeouts > 0;
        alerts.set(exhausted, ALERT_POOL_EXHAUSTED, Severity.CRITICAL, "pool",
                newTimeouts > 0
                        ? String.format("Pool exhausted: %d caller(s) timed out waiting for a connection; %d of %d busy, %d waiting",
                        newTimeouts, p.active(), p.max(), p.waiting())
                        : String.format("Pool exhausted: all %d connections busy, %d caller(s) waiting", p.max(), p.waiting()),
                String.format("connections free again (%d of %d busy, none waiting)", p.active(), p.max()));
        alerts.set(m.leaksHeld() > 0, ALERT_POOL_LEAK, Severity.WARNING, "pool",
                String.format("%d connection(s) held longer than %s: possible leak", m.leaksHeld(),
                        Durations.format(pool.get().config().leakDetection())),
                "no connection held beyond the leak threshold");
        Duration lagLimit = config.lagAlert();
        alerts.set(m.schedulerLag().compareTo(lagLimit) > 0, ALERT_LAG, Severity.WARNING, "engine",
                String.format("Engine scheduler lag %d ms > %d ms", m.schedulerLag().toMillis(), lagLimit.toMillis()),
                String.format("scheduler lag back to %d ms", m.schedulerLag().toMillis()));
    }

    /** The latest sample, or a fresh one when none has been taken yet. */
    public ResourceMetrics metrics() {
        ResourceMetrics latest = history.latest();
        return latest != null ? latest : sample(Duration.ZERO);
    }

    /** Recent samples, oldest first (bounded). */
    public List<ResourceMetrics> history() {
        return history.snapshot();
    }

    private static long totalGcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
