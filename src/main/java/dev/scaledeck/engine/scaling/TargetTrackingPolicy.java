package dev.scaledeck.engine.scaling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes HPA's calculation: for each metric with a target, desired =
 * ceil(ready x value / target), unless value / target is within the tolerance of 1, in which case
 * the count stays; the largest proposal wins. Averages come from ready instances only, so
 * instances still warming up are not counted as capacity. Immutable.
 *
 * @param targets   the per-instance value to hold, per metric
 * @param tolerance the fraction around 1 that changes nothing (HPA: 0.1)
 */
public record TargetTrackingPolicy(Map<Metric, Double> targets, double tolerance) implements ScalingPolicy {

    public TargetTrackingPolicy {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("target tracking needs at least one target");
        }
        targets = Map.copyOf(new EnumMap<>(targets));
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be from 0 to below 1, but was " + tolerance);
        }
    }

    @Override
    public Recommendation recommend(FleetSample sample) {
        Map<Metric, Double> now = sample.latest();
        int best = -1;
        String bestReason = null;
        List<String> others = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Double target = targets.get(m);
            if (target == null) {
                continue;
            }
            Double value = now.get(m);
            if (value == null) {
                others.add(m.label() + " not reported");
                continue;
            }
            double ratio = value / target;
            int proposal;
            String reason;
            if (Math.abs(ratio - 1) <= tolerance || sample.ready() == 0) {
                proposal = sample.current();
                reason = m.label() + " " + m.format(value) + (sample.ready() == 0
                        ? " but no ready instance to scale from"
                        : " within " + percent(tolerance) + " of target " + m.format(target));
            } else {
                proposal = (int) Math.ceil(sample.ready() * ratio - 1e-9);
                reason = m.label() + " " + m.format(value) + " vs target " + m.format(target)
                        + String.format(Locale.ROOT, ": ceil(%d x %.2f) = %d", sample.ready(), ratio, proposal);
            }
            if (proposal > best) {
                if (bestReason != null) {
                    others.add(bestReason);
                }
                best = proposal;
                bestReason = reason;
            } else {
                others.add(reason);
            }
        }
        if (bestReason == null) {
            return new Recommendation(sample.current(), "no target metric reported (" + String.join(", ", others) + ")");
        }
        return new Recommendation(best, others.isEmpty() ? bestReason : bestReason + "; " + String.join(", ", others));
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        targets.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey().label() + " " + e.getKey().format(e.getValue())));
        return "target tracking: hold " + String.join(", ", parts) + " per instance, tolerance " + percent(tolerance);
    }

    private static String percent(double fraction) {
        return Metric.number(fraction * 100) + " %";
    }
}
