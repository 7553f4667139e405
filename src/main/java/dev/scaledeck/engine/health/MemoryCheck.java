package dev.scaledeck.engine.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Heap use against the JVM's maximum heap: DEGRADED from {@link HealthConfig#memoryDegradedPercent()},
 * DOWN from {@link HealthConfig#memoryDownPercent()}. Thread-safe.
 */
public final class MemoryCheck implements HealthCheck {

    private final HealthConfig config;
    private final Clock clock;
    private final Supplier<MemoryUsage> heap;

    /** Watches this JVM's heap. */
    public MemoryCheck(HealthConfig config, Clock clock) {
        this(config, clock, () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage());
    }

    /** Watches the heap figures {@code heap} reports (a seam for other JVMs and for tests). */
    public MemoryCheck(HealthConfig config, Clock clock, Supplier<MemoryUsage> heap) {
        this.config = config;
        this.clock = clock;
        this.heap = heap;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        MemoryUsage usage = heap.get();
        // Without -Xmx the maximum may be undefined (-1); then the committed heap is the ceiling we know.
        long max = usage.getMax() > 0 ? usage.getMax() : usage.getCommitted();
        double percent = max > 0 ? 100.0 * usage.getUsed() / max : 0;
        String measured = "heap " + Formats.percent(percent) + " used (" + Formats.bytes(usage.getUsed())
                + " of " + Formats.bytes(max) + ")";
        HealthStatus status;
        String message;
        if (percent >= config.memoryDownPercent()) {
            status = HealthStatus.DOWN;
            message = measured + ", at or above the " + Formats.percent(config.memoryDownPercent()) + " down limit";
        } else if (percent >= config.memoryDegradedPercent()) {
            status = HealthStatus.DEGRADED;
            message = measured + ", at or above the " + Formats.percent(config.memoryDegradedPercent()) + " limit";
        } else {
            status = HealthStatus.UP;
            message = measured + " (limit " + Formats.percent(config.memoryDegradedPercent()) + ")";
        }
        return new HealthResult(name(), status, message, Duration.ofNanos(System.nanoTime() - start), clock.instant(),
                Map.of("usedBytes", usage.getUsed(), "maxBytes", max, "usedPercent", percent));
    }
}
