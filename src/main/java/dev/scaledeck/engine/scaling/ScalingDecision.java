package dev.scaledeck.engine.scaling;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One evaluation of the auto-scaler, at one moment: what it saw, what it wants and why.
 * Immutable.
 *
 * @param at       when it was made (engine clock)
 * @param current  the replicas the platform was asked for before this decision
 * @param ready    how many of them were ready and reporting (warming instances are not capacity)
 * @param desired  the replicas this decision wants; equals {@code current} unless it scales
 * @param action   up, down, no change, or blocked by a guard
 * @param metrics  the fleet averages it decided on; a metric nobody reported is absent
 * @param reason   one line for a person, e.g. {@code cpu 91 % > 80 % for 2 samples; +1 within rate limit}
 * @param mode     whether it was meant to be applied
 * @param applied  whether the platform was asked for {@code desired} (false in recommend mode)
 */
public record ScalingDecision(Instant at, int current, int ready, int desired, ScalingAction action,
                              Map<Metric, Double> metrics, String reason, ScalingMode mode, boolean applied) {

    public ScalingDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(mode, "mode");
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        metrics.forEach((k, v) -> {
            if (v != null && !v.isNaN()) {
                copy.put(k, v);
            }
        });
        metrics = Collections.unmodifiableMap(copy);
    }

    /** Whether it asks for a different replica count. */
    public boolean changes() {
        return action == ScalingAction.SCALE_UP || action == ScalingAction.SCALE_DOWN;
    }

    /** The same decision, marked as sent to the platform. */
    public ScalingDecision asApplied() {
        return new ScalingDecision(at, current, ready, desired, action, metrics, reason, mode, true);
    }

    /** One line for logs and events: {@code 3 -> 4 (cpu 91 % > 80 % for 2 samples)}. */
    public String summary() {
        return switch (action) {
            case SCALE_UP, SCALE_DOWN -> current + " -> " + desired + " instances: " + reason;
            case NO_CHANGE -> "stay at " + current + ": " + reason;
            case BLOCKED -> "stay at " + current + " (blocked): " + reason;
        };
    }
}
