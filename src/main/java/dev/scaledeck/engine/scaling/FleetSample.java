package dev.scaledeck.engine.scaling;

import java.util.List;
import java.util.Map;

/**
 * What a policy decides on: the replica counts and the fleet's per-instance averages of the
 * last few evaluations. Immutable.
 *
 * @param current the replicas the platform was asked for
 * @param ready   the instances that are ready, past warm-up and reporting: the capacity the averages describe
 * @param recent  the averages of the last evaluations, oldest first, this one last; a metric
 *                nobody reported is absent from its map
 */
public record FleetSample(int current, int ready, List<Map<Metric, Double>> recent) {

    public FleetSample {
        if (recent.isEmpty()) {
            throw new IllegalArgumentException("a fleet sample needs at least this evaluation's averages");
        }
        recent = recent.stream().map(Map::copyOf).toList();
    }

    /** This evaluation's averages. */
    public Map<Metric, Double> latest() {
        return recent.get(recent.size() - 1);
    }
}
