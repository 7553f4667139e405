package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.InstanceSpec;

import java.time.Instant;

/**
 * One instance at one point in time: identity, health and what its {@code /metrics} reported.
 * Immutable. Metric fields are -1 when the instance does not publish them (see {@link ScrapedMetrics}
 * for how they are read).
 *
 * @param spec              id, url, weight
 * @param state             health
 * @param reason            why it is in that state, e.g. {@code HTTP 503} or {@code connect refused}
 * @param since             when it entered that state (engine clock)
 * @param requestsPerSecond served over the last probe interval
 * @param inFlight          requests being served
 * @param errors            errors since the instance started
 * @param utilization       busy share of its workers, 0..1
 * @param latencyP50Ms      median latency as the instance measures it
 * @param latencyP95Ms      95th percentile latency as the instance measures it
 * @param cpuPercent        CPU use, 0..100 (for the sample service: {@code utilization} × 100)
 * @param memoryPercent     memory use, 0..100 (heap against its max for a JVM)
 */
public record InstanceStatus(InstanceSpec spec, InstanceState state, String reason, Instant since,
                             double requestsPerSecond, long inFlight, long errors, double utilization,
                             double latencyP50Ms, double latencyP95Ms, double cpuPercent, double memoryPercent) {

    public String id() {
        return spec.id();
    }

    static InstanceStatus unknown(InstanceSpec spec, Instant now) {
        return new InstanceStatus(spec, InstanceState.UNKNOWN, "not probed yet", now, -1, -1, -1, -1, -1, -1, -1, -1);
    }
}
