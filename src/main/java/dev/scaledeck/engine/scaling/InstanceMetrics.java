package dev.scaledeck.engine.scaling;

import java.time.Instant;
import java.util.Objects;

/**
 * What one instance reported at one moment, as the auto-scaler reads it (the seed's
 * {@code addMetric({...})}). Immutable. A metric the instance does not report is
 * {@link Double#NaN}; policies leave unreported metrics out of their decision and say so.
 *
 * @param instanceId        the instance, as the balancer knows it
 * @param at                when it was measured (engine clock)
 * @param cpuPercent        CPU use, 0..100 (for the sample instances: the share of busy workers)
 * @param memoryPercent     memory use, 0..100
 * @param activeConnections requests or connections being served now
 * @param responseTimeMs    response time, milliseconds (the instance's 95th percentile when it has one)
 */
public record InstanceMetrics(String instanceId, Instant at, double cpuPercent, double memoryPercent,
                              double activeConnections, double responseTimeMs) {

    public InstanceMetrics {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(at, "at");
        requireValid("cpuPercent", cpuPercent);
        requireValid("memoryPercent", memoryPercent);
        requireValid("activeConnections", activeConnections);
        requireValid("responseTimeMs", responseTimeMs);
    }

    /** The value of one metric, NaN when not reported. */
    public double value(Metric metric) {
        return switch (metric) {
            case CPU -> cpuPercent;
            case MEMORY -> memoryPercent;
            case CONNECTIONS -> activeConnections;
            case RESPONSE_TIME -> responseTimeMs;
        };
    }

    private static void requireValid(String name, double value) {
        if (value < 0 || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0 (or NaN when not reported), but was " + value);
        }
    }
}
