package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.config.Thresholds;

import java.time.Duration;
import java.util.Map;

/** Scaling rules for tests: the seed's defaults, then changed by the with-methods. */
final class Rules {

    static final Thresholds UP = new Thresholds(80, 85, 100, Duration.ofMillis(2000));
    static final Thresholds DOWN = new Thresholds(30, 40, 20, Duration.ofMillis(500));

    private Rules() {
    }

    /** Threshold policy, 1..10, no cooldown, no stabilization, generous rate limits, no warm-up. */
    static ScalingRules threshold(int sustain) {
        return new ScalingRules(PolicyKind.THRESHOLD, UP, DOWN, sustain, Map.of(Metric.CPU, 70.0), 10, 1, 10,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, 100, 100, 100, Duration.ofMinutes(1), Duration.ZERO);
    }

    /** Target tracking on cpu, 1..10, no cooldown, no stabilization, generous rate limits, no warm-up. */
    static ScalingRules targetCpu(double target) {
        return threshold(1).withPolicy(PolicyKind.TARGET_TRACKING, Map.of(Metric.CPU, target));
    }
}
