package dev.scaledeck.engine.balancer;

import java.time.Instant;
import java.util.List;

/**
 * A point-in-time view of the balancer: what {@link LoadBalancer#stats()} saw when called. It
 * does not change afterwards; pull a new one to see newer figures. Per-instance figures are read
 * one instance after another without a global lock, so totals are exact for each instance and
 * near-exact across them under load. Immutable.
 *
 * @param time      when it was taken (engine clock)
 * @param strategy  the strategy in use
 * @param panic     whether no instance is eligible
 * @param instances every instance that is not removed, in the order they were added
 * @param requests  requests completed, summed over the instances
 * @param inFlight  requests in flight, summed
 * @param errors    failed requests, summed
 * @param eligible  instances that may be picked outside panic
 */
public record BalancerStats(Instant time, Strategy strategy, boolean panic, List<InstanceStats> instances,
                            long requests, long inFlight, long errors, int eligible) {

    public BalancerStats {
        instances = List.copyOf(instances);
    }

    /** The instance with this id, or null. */
    public InstanceStats instance(String id) {
        for (InstanceStats s : instances) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
