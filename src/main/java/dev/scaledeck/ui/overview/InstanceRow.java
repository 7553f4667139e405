package dev.scaledeck.ui.overview;

import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

/**
 * One instance as the table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param id                the instance's id
 * @param url               where it answers
 * @param state             its health
 * @param stateText         the state, with the reason when it is not UP
 * @param stateStyle        the state's style class
 * @param requestsPerSecond served per second, or {@link Formats#NONE}
 * @param latencyP95        95th percentile latency, or {@link Formats#NONE}
 * @param utilization       busy share of its workers, or {@link Formats#NONE}
 */
public record InstanceRow(String id, String url, InstanceState state, String stateText, String stateStyle,
                          String requestsPerSecond, String latencyP95, String utilization) {

    public static InstanceRow of(InstanceStatus status) {
        // "UP · health 200" says nothing new; a DOWN or UNKNOWN instance needs its reason.
        String stateText = status.state() == InstanceState.UP || status.reason() == null || status.reason().isBlank()
                ? status.state().name()
                : status.state().name() + " · " + status.reason();
        return new InstanceRow(status.id(), status.spec().url().toString(), status.state(), stateText,
                StatusStyles.of(status.state()), Formats.rate(status.requestsPerSecond()),
                Formats.millis(status.latencyP95Ms()), Formats.percentOfOne(status.utilization()));
    }
}
