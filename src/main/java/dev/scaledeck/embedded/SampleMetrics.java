package dev.scaledeck.embedded;

/**
 * What a sample instance reports on {@code GET /metrics}, at one moment. Immutable.
 * Monitoring requests ({@code /health}, {@code /metrics}) are not counted.
 *
 * @param id            the instance, e.g. {@code sample-2}
 * @param requests      requests answered since start
 * @param inFlight      requests being handled now
 * @param errors        requests answered with a status of 400 or more
 * @param utilization   busy worker threads / workers, 0..1, averaged over about the last second
 * @param latencyP50Ms  median latency over the last ten seconds, milliseconds
 * @param latencyP95Ms  95th percentile latency over the last ten seconds, milliseconds
 * @param uptimeSeconds seconds since the instance started
 */
public record SampleMetrics(String id, long requests, int inFlight, long errors, double utilization,
                            double latencyP50Ms, double latencyP95Ms, long uptimeSeconds) {
}
