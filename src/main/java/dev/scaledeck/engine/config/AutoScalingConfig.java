package dev.scaledeck.engine.config;

import dev.scaledeck.engine.scaling.MetricsSourceKind;
import dev.scaledeck.engine.scaling.ScalingMode;
import dev.scaledeck.engine.scaling.ScalingRules;

import java.time.Duration;

/**
 * The auto-scaler's configuration: where it acts, its rules (the seed's thresholds, bounds and
 * cooldown, plus the policy and guards), its mode, and the connection budget. Immutable.
 *
 * @param platform         where scaling acts ({@code DEPLOYMENT_PLATFORM})
 * @param rules            policy and guards
 * @param mode             apply or only recommend
 * @param interval         how often it evaluates
 * @param metrics          where metrics come from
 * @param instancePoolSize connections each instance's pool may hold
 * @param connectionReserve connections kept free below {@code max_connections}
 * @param platforms        what each platform scales
 */
public record AutoScalingConfig(Platform platform, ScalingRules rules, ScalingMode mode, Duration interval,
                                MetricsSourceKind metrics, int instancePoolSize, int connectionReserve,
                                PlatformSettings platforms) {

    public Thresholds scaleUp() {
        return rules.scaleUp();
    }

    public Thresholds scaleDown() {
        return rules.scaleDown();
    }

    public int minInstances() {
        return rules.minInstances();
    }

    public int maxInstances() {
        return rules.maxInstances();
    }

    public Duration cooldown() {
        return rules.cooldown();
    }
}
