package dev.scaledeck.engine.balancer;

import java.time.Duration;

/**
 * An answer received through the balancer. Immutable.
 *
 * @param instanceId which instance answered
 * @param statusCode HTTP status
 * @param body       the body as text
 * @param latency    from sending to the whole body received
 */
public record BalancedResponse(String instanceId, int statusCode, String body, Duration latency) {
}
