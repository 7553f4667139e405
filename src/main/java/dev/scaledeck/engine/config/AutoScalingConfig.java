package dev.scaledeck.engine.config;

import java.time.Duration;

/**
 * The seed's {@code scalingConfig.autoScaling}: thresholds, instance bounds and cooldown.
 * Cross-field rules (down below up, min not above max) are checked by {@link ConfigLoader}
 * so that the message can name the settings as the operator wrote them.
 */
public record AutoScalingConfig(Platform platform, Thresholds scaleUp, Thresholds scaleDown,
                                int minInstances, int maxInstances, Duration cooldown) {
}
