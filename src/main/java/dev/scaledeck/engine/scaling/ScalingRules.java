package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.config.Thresholds;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything that decides how the auto-scaler moves: the policy and the guards around it. The
 * window's policy editor builds one of these; the constructor checks every field and names the
 * setting, the value and what is allowed. Immutable.
 *
 * @param policy                 which policy computes the desired count
 * @param scaleUp                threshold policy: scale up when any metric is above these
 * @param scaleDown              threshold policy: scale down only when every metric is below these
 * @param sustainSamples         threshold policy: a crossing counts after this many evaluations in a row
 * @param targets                target tracking: the value per instance to hold, per metric (at least one)
 * @param tolerancePercent       target tracking: no change while value / target is within this of 1 (HPA: 10)
 * @param minInstances           never fewer
 * @param maxInstances           never more
 * @param cooldown               after a change, no other change for this long
 * @param scaleDownStabilization scale down to the highest recommendation of this window (HPA: 5 min)
 * @param scaleUpStabilization   scale up to the lowest recommendation of this window (HPA: 0)
 * @param maxStepUp              at most this many instances added per rate period ...
 * @param maxStepUpPercent       ... or this percentage of the count at the period's start, whichever is more
 * @param maxStepDown            at most this many instances removed per rate period
 * @param ratePeriod             the period the step limits count over
 * @param warmup                 a new instance is not capacity, and its metrics not used, for this long
 */
public record ScalingRules(PolicyKind policy, Thresholds scaleUp, Thresholds scaleDown, int sustainSamples,
                           Map<Metric, Double> targets, double tolerancePercent, int minInstances, int maxInstances,
                           Duration cooldown, Duration scaleDownStabilization, Duration scaleUpStabilization,
                           int maxStepUp, int maxStepUpPercent, int maxStepDown, Duration ratePeriod,
                           Duration warmup) {

    /** The most instances any policy may ask for. */
    public static final int INSTANCE_LIMIT = 1_000;

    public ScalingRules {
        Objects.requireNonNull(policy, "scaling.policy");
        Objects.requireNonNull(scaleUp, "scaling.scaleUp");
        Objects.requireNonNull(scaleDown, "scaling.scaleDown");
        requireIn("scaling.sustainSamples", sustainSamples, 1, 100);
        EnumMap<Metric, Double> t = new EnumMap<>(Metric.class);
        targets.forEach((metric, value) -> {
            if (value == null || !(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("scaling.targets: the target for " + metric.id()
                        + " must be a number > 0, but was " + value);
            }
            if ((metric == Metric.CPU || metric == Metric.MEMORY) && value > 100) {
                throw new IllegalArgumentException("scaling.targets: the target for " + metric.id()
                        + " is a percentage, at most 100, but was " + value);
            }
            t.put(metric, value);
        });
        if (policy == PolicyKind.TARGET_TRACKING && t.isEmpty()) {
            throw new IllegalArgumentException("scaling.targets must name at least one metric for the target-tracking "
                    + "policy, e.g. cpu=70");
        }
        targets = Collections.unmodifiableMap(t);
        if (!(tolerancePercent >= 0 && tolerancePercent < 100)) {
            throw new IllegalArgumentException("scaling.tolerance must be a percentage from 0 to below 100, but was "
                    + tolerancePercent);
        }
        checkThresholds(scaleUp, scaleDown);
        requireIn("scaling.minInstances", minInstances, 0, INSTANCE_LIMIT);
        requireIn("scaling.maxInstances", maxInstances, 1, INSTANCE_LIMIT);
        if (minInstances > maxInstances) {
            throw new IllegalArgumentException("scaling.minInstances (" + minInstances
                    + ") must not exceed scaling.maxInstances (" + maxInstances + ")");
        }
        requireNotNegative("scaling.cooldown", cooldown);
        requireNotNegative("scaling.scaleDownStabilization", scaleDownStabilization);
        requireNotNegative("scaling.scaleUpStabilization", scaleUpStabilization);
        requireIn("scaling.maxStepUp", maxStepUp, 1, INSTANCE_LIMIT);
        requireIn("scaling.maxStepUpPercent", maxStepUpPercent, 0, 1_000);
        requireIn("scaling.maxStepDown", maxStepDown, 1, INSTANCE_LIMIT);
        requireNotNegative("scaling.ratePeriod", ratePeriod);
        if (ratePeriod.isZero()) {
            throw new IllegalArgumentException("scaling.ratePeriod must be longer than 0s");
        }
        requireNotNegative("scaling.warmup", warmup);
    }

    /** The policy these rules name. */
    public ScalingPolicy toPolicy() {
        return switch (policy) {
            case THRESHOLD -> new ThresholdPolicy(scaleUp, scaleDown, sustainSamples);
            case TARGET_TRACKING -> new TargetTrackingPolicy(targets, tolerancePercent / 100.0);
        };
    }

    /** The targets as configuration writes them: {@code cpu=70,memory=80}. */
    public String targetsText() {
        return targets.entrySet().stream()
                .map(e -> e.getKey().id() + "=" + Metric.number(e.getValue()))
                .collect(Collectors.joining(","));
    }

    /** A copy with another policy and targets (the policy editor's switch). */
    public ScalingRules withPolicy(PolicyKind newPolicy, Map<Metric, Double> newTargets) {
        return new ScalingRules(newPolicy, scaleUp, scaleDown, sustainSamples, newTargets, tolerancePercent,
                minInstances, maxInstances, cooldown, scaleDownStabilization, scaleUpStabilization, maxStepUp,
                maxStepUpPercent, maxStepDown, ratePeriod, warmup);
    }

    /** A copy with other instance bounds. */
    public ScalingRules withBounds(int min, int max) {
        return new ScalingRules(policy, scaleUp, scaleDown, sustainSamples, targets, tolerancePercent, min, max,
                cooldown, scaleDownStabilization, scaleUpStabilization, maxStepUp, maxStepUpPercent, maxStepDown,
                ratePeriod, warmup);
    }

    /** A copy with other time guards. */
    public ScalingRules withTimes(Duration newCooldown, Duration downStabilization, Duration newWarmup) {
        return new ScalingRules(policy, scaleUp, scaleDown, sustainSamples, targets, tolerancePercent, minInstances,
                maxInstances, newCooldown, downStabilization, scaleUpStabilization, maxStepUp, maxStepUpPercent,
                maxStepDown, ratePeriod, newWarmup);
    }

    /** A copy with other thresholds. */
    public ScalingRules withThresholds(Thresholds up, Thresholds down) {
        return new ScalingRules(policy, up, down, sustainSamples, targets, tolerancePercent, minInstances,
                maxInstances, cooldown, scaleDownStabilization, scaleUpStabilization, maxStepUp, maxStepUpPercent,
                maxStepDown, ratePeriod, warmup);
    }

    private static void checkThresholds(Thresholds up, Thresholds down) {
        requireBelow("cpu", down.cpuPercent(), up.cpuPercent());
        requireBelow("memory", down.memoryPercent(), up.memoryPercent());
        requireBelow("connections", down.connections(), up.connections());
        requireBelow("responseTime", down.responseTime().toMillis(), up.responseTime().toMillis());
        if (up.cpuPercent() > 100 || up.memoryPercent() > 100) {
            throw new IllegalArgumentException("scaling.scaleUp.cpu and scaling.scaleUp.memory are percentages, "
                    + "at most 100, but were " + up.cpuPercent() + " and " + up.memoryPercent());
        }
    }

    private static void requireBelow(String metric, double down, double up) {
        if (down < 0) {
            throw new IllegalArgumentException("scaling.scaleDown." + metric + " must be >= 0, but was " + down);
        }
        if (down >= up) {
            throw new IllegalArgumentException("scaling.scaleDown." + metric + " (" + Metric.number(down)
                    + ") must be below scaling.scaleUp." + metric + " (" + Metric.number(up) + ")");
        }
    }

    private static void requireIn(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + value);
        }
    }
}
