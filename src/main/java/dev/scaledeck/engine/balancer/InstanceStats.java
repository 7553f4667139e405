package dev.scaledeck.engine.balancer;

import java.net.URI;
import java.time.Instant;

/**
 * One instance as the balancer saw it at the time of its {@link BalancerStats}. Immutable.
 *
 * @param id              instance id
 * @param url             base URL
 * @param weight          configured weight
 * @param effectiveWeight weight now, lower during slow start (e.g. 0.5 for weight 5 at 10 %)
 * @param state           health state
 * @param reason          why it is in that state
 * @param since           when it entered that state (engine clock)
 * @param requests        requests completed since the instance was added
 * @param inFlight        requests picked and not yet completed
 * @param errors          completed requests that failed through the instance's fault (4xx excluded)
 * @param latencyP50Ms    median latency over the stats window, -1 without requests in it
 * @param latencyP99Ms    99th percentile latency over the stats window, -1 without requests in it
 * @param trafficShare    this instance's share of the requests completed in the stats window, 0..1
 * @param breakerState    its circuit breaker
 */
public record InstanceStats(String id, URI url, int weight, double effectiveWeight, InstanceHealth state,
                            String reason, Instant since, long requests, long inFlight, long errors,
                            double latencyP50Ms, double latencyP99Ms, double trafficShare,
                            BreakerState breakerState) {

    /** Whether the instance may be picked outside panic: healthy, breaker not open. */
    public boolean eligible() {
        return state == InstanceHealth.HEALTHY && breakerState != BreakerState.OPEN;
    }
}
