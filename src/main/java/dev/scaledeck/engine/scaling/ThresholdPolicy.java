package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.config.Thresholds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's policy: one instance more when any metric has been above its up-threshold for
 * {@code sustainSamples} evaluations in a row; one fewer only when every reported metric has
 * been below its down-threshold that long. Immutable.
 */
public record ThresholdPolicy(Thresholds up, Thresholds down, int sustainSamples) implements ScalingPolicy {

    public ThresholdPolicy {
        if (sustainSamples < 1) {
            throw new IllegalArgumentException("sustainSamples must be >= 1, but was " + sustainSamples);
        }
    }

    @Override
    public Recommendation recommend(FleetSample sample) {
        Map<Metric, Double> now = sample.latest();
        if (now.isEmpty()) {
            return new Recommendation(sample.current(), "no instance reported metrics");
        }
        List<String> crossingUp = new ArrayList<>();
        List<String> startingUp = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Double v = now.get(m);
            if (v != null && v > limit(up, m)) {
                int run = run(sample, m, true);
                String text = m.label() + " " + m.format(v) + " > " + m.format(limit(up, m));
                if (run >= sustainSamples) {
                    crossingUp.add(text + " for " + samples(sustainSamples));
                } else {
                    startingUp.add(text + " (" + run + " of " + samples(sustainSamples) + ")");
                }
            }
        }
        if (!crossingUp.isEmpty()) {
            return new Recommendation(sample.current() + 1, String.join(", ", crossingUp));
        }
        if (!startingUp.isEmpty()) {
            return new Recommendation(sample.current(), String.join(", ", startingUp));
        }
        List<String> below = new ArrayList<>();
        boolean allBelowLongEnough = true;
        for (Metric m : Metric.values()) {
            Double v = now.get(m);
            if (v == null) {
                continue;
            }
            if (v >= limit(down, m)) {
                return new Recommendation(sample.current(), "within thresholds: " + values(now));
            }
            below.add(m.label() + " " + m.format(v) + " < " + m.format(limit(down, m)));
            allBelowLongEnough &= run(sample, m, false) >= sustainSamples;
        }
        if (!allBelowLongEnough) {
            return new Recommendation(sample.current(), "below scale-down thresholds for fewer than "
                    + samples(sustainSamples) + ": " + String.join(", ", below));
        }
        return new Recommendation(sample.current() - 1, "all below scale-down thresholds for "
                + samples(sustainSamples) + ": " + String.join(", ", below));
    }

    @Override
    public String describe() {
        return "threshold: up when any of cpu > " + Metric.CPU.format(up.cpuPercent())
                + ", memory > " + Metric.MEMORY.format(up.memoryPercent())
                + ", connections > " + up.connections()
                + ", response time > " + Metric.RESPONSE_TIME.format(up.responseTime().toMillis())
                + "; down when all below " + Metric.CPU.format(down.cpuPercent()) + ", "
                + Metric.MEMORY.format(down.memoryPercent()) + ", " + down.connections() + ", "
                + Metric.RESPONSE_TIME.format(down.responseTime().toMillis())
                + "; for " + samples(sustainSamples);
    }

    /** The threshold of one metric in a set. */
    public static double limit(Thresholds t, Metric m) {
        return switch (m) {
            case CPU -> t.cpuPercent();
            case MEMORY -> t.memoryPercent();
            case CONNECTIONS -> t.connections();
            case RESPONSE_TIME -> t.responseTime().toMillis();
        };
    }

    /** How many of the latest evaluations in a row had the metric above the up (or below the down) threshold. */
    private int run(FleetSample sample, Metric m, boolean above) {
        int run = 0;
        for (int i = sample.recent().size() - 1; i >= 0; i--) {
            Double v = sample.recent().get(i).get(m);
            boolean holds = v != null && (above ? v > limit(up, m) : v < limit(down, m));
            if (!holds) {
                break;
            }
            run++;
        }
        return run;
    }

    static String values(Map<Metric, Double> averages) {
        List<String> parts = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Double v = averages.get(m);
            if (v != null) {
                parts.add(m.label() + " " + m.format(v));
            }
        }
        return String.join(", ", parts);
    }

    private static String samples(int n) {
        return n == 1 ? "1 sample" : n + " samples";
    }
}
