package dev.scaledeck.ui.overview;

import dev.scaledeck.engine.balancer.BreakerState;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

/**
 * One instance as the table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * <p>The state is the load balancer's: whether the instance takes traffic, and why not. Only an
 * instance the balancer does not know shows the metrics scraper's {@code /health} state instead
 * (and takes no traffic). The figures are always the scraper's.
 *
 * @param id                the instance's id
 * @param url               where it answers
 * @param takesTraffic      whether the balancer may pick it (outside panic): HEALTHY, breaker not open
 * @param stateText         the state, with the reason when it does not take traffic normally
 * @param stateStyle        the state's style class
 * @param requestsPerSecond served per second, or {@link Formats#NONE}
 * @param latencyP95        95th percentile latency, or {@link Formats#NONE}
 * @param utilization       busy share of its workers, or {@link Formats#NONE}
 */
public record InstanceRow(String id, String url, boolean takesTraffic, String stateText, String stateStyle,
                          String requestsPerSecond, String latencyP95, String utilization) {

    /**
     * @param status   what the metrics scraper saw
     * @param balancer the balancer's view of the same instance, or null when the balancer does not know it
     */
    public static InstanceRow of(InstanceStatus status, InstanceStats balancer) {
        String stateText;
        String stateStyle;
        if (balancer != null) {
            stateText = balancerText(balancer);
            stateStyle = balancer.state() == InstanceHealth.HEALTHY && balancer.breakerState() == BreakerState.OPEN
                    ? StatusStyles.of(BreakerState.OPEN)
                    : StatusStyles.of(balancer.state());
        } else {
            stateText = withReason(status.state().name(), status.state() == InstanceState.UP, status.reason());
            stateStyle = StatusStyles.of(status.state());
        }
        return new InstanceRow(status.id(), status.spec().url().toString(), balancer != null && balancer.eligible(),
                stateText, stateStyle, Formats.rate(status.requestsPerSecond()),
                Formats.millis(status.latencyP95Ms()), Formats.percentOfOne(status.utilization()));
    }

    /** The scraper's view only, for an instance the balancer does not know. */
    public static InstanceRow of(InstanceStatus status) {
        return of(status, null);
    }

    private static String balancerText(InstanceStats s) {
        if (s.state() == InstanceHealth.HEALTHY) {
            // Healthy but kept out by its breaker: say so, or the row reads green while it takes no traffic.
            return switch (s.breakerState()) {
                case CLOSED -> s.state().name();
                case OPEN -> s.state().name() + " · circuit breaker open";
                case HALF_OPEN -> s.state().name() + " · circuit breaker half-open";
            };
        }
        return withReason(s.state().name(), false, s.reason());
    }

    // "HEALTHY · 2 consecutive successful health probes" or "UP · health 200" says nothing new;
    // any other state needs its reason.
    private static String withReason(String state, boolean fine, String reason) {
        return fine || reason == null || reason.isBlank() ? state : state + " · " + reason;
    }
}
