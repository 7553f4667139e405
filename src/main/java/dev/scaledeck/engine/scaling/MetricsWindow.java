package dev.scaledeck.engine.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest metrics of each instance and when it was first seen, so averages leave out
 * instances that stopped reporting (stale) and instances still warming up. Instances seen
 * before the first evaluation were running when the scaler started and count as warm.
 * Not thread-safe: the auto-scaler serializes calls.
 */
final class MetricsWindow {

    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, InstanceMetrics> latest = new HashMap<>();
    private boolean evaluated;

    void add(InstanceMetrics m) {
        InstanceMetrics previous = latest.get(m.instanceId());
        if (previous == null || !m.at().isBefore(previous.at())) {
            latest.put(m.instanceId(), m);
        }
        if (!firstSeen.containsKey(m.instanceId())) {
            firstSeen.put(m.instanceId(), evaluated ? m.at() : Instant.MIN);
        }
    }

    /** What the instances that reported within {@code staleAfter} say, split into warm and warming. */
    Fleet fleet(Instant now, Duration staleAfter, Duration warmup) {
        evaluated = true;
        latest.values().removeIf(m -> m.at().isBefore(now.minus(staleAfter)));
        firstSeen.keySet().retainAll(latest.keySet());
        Map<Metric, double[]> sums = new EnumMap<>(Metric.class);
        int warm = 0;
        int warming = 0;
        for (InstanceMetrics m : latest.values()) {
            Instant seen = firstSeen.get(m.instanceId());
            if (seen != Instant.MIN && now.isBefore(seen.plus(warmup))) {
                warming++;
                continue;
            }
            warm++;
            for (Metric metric : Metric.values()) {
                double v = m.value(metric);
                if (!Double.isNaN(v)) {
                    double[] s = sums.computeIfAbsent(metric, k -> new double[2]);
                    s[0] += v;
                    s[1]++;
                }
            }
        }
        Map<Metric, Double> averages = new EnumMap<>(Metric.class);
        sums.forEach((metric, s) -> averages.put(metric, s[0] / s[1]));
        return new Fleet(warm, warming, averages);
    }

    /**
     * @param warm     instances reporting and past warm-up: the capacity
     * @param warming  instances reporting but still warming up
     * @param averages per-instance averages over the warm instances
     */
    record Fleet(int warm, int warming, Map<Metric, Double> averages) {
    }
}
