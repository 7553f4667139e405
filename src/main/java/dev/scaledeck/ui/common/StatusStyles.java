package dev.scaledeck.ui.common;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.balancer.BreakerState;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.health.HealthStatus;
import dev.scaledeck.engine.recovery.ImpactStatus;
import dev.scaledeck.engine.recovery.RunState;
import dev.scaledeck.engine.recovery.StepState;
import dev.scaledeck.engine.scaling.ScalingAction;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which CSS style class shows a state: the colour rules of the window in one place, decided in
 * view models and tested without a toolkit. {@code scaledeck.css} defines each class.
 */
public final class StatusStyles {

    /** Good: instance UP, database reachable, engine running. Green. */
    public static final String GOOD = "state-up";
    /** Bad: instance DOWN, database unreachable, engine failed. Red. */
    public static final String BAD = "state-down";
    /** Not known (yet), or nothing to judge. Grey. */
    public static final String UNKNOWN = "state-unknown";
    /** Partly good: some instances down, engine still starting. Amber. */
    public static final String DEGRADED = "state-degraded";

    /** Taken out of the balancer's traffic (by outlier detection or an operator). Orange. */
    public static final String EJECTED = "state-ejected";
    /** Taking no new requests while its in-flight requests finish. Blue-grey. */
    public static final String DRAINING = "state-draining";

    /** A scaling decision that adds instances. Blue. */
    public static final String SCALING_UP = "scaling-up";
    /** A scaling decision that removes instances. Teal. */
    public static final String SCALING_DOWN = "scaling-down";

    /** A runbook step under way. Blue, on a light blue band. */
    public static final String RUNNING = "state-running";
    /** A runbook step waiting for an operator's approval. Amber, on a light amber band. */
    public static final String AWAITING = "state-awaiting";
    /** A dry run's step: listed, not run. Blue. */
    public static final String PLANNED = "state-planned";

    public static final String SEVERITY_NONE = "severity-none";
    public static final String SEVERITY_INFO = "severity-info";
    public static final String SEVERITY_WARNING = "severity-warning";
    public static final String SEVERITY_CRITICAL = "severity-critical";

    private StatusStyles() {
    }

    public static String of(InstanceState state) {
        return switch (state) {
            case UP -> GOOD;
            case DOWN -> BAD;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The colour of a balancer state: HEALTHY green, UNHEALTHY red, EJECTED orange, DRAINING blue-grey. */
    public static String of(InstanceHealth health) {
        return switch (health) {
            case HEALTHY -> GOOD;
            case UNHEALTHY -> BAD;
            case EJECTED -> EJECTED;
            case DRAINING -> DRAINING;
            case REMOVED -> UNKNOWN;
        };
    }

    /** A circuit breaker: closed is normal, open keeps traffic away (red), half-open is trying (amber). */
    public static String of(BreakerState breaker) {
        return switch (breaker) {
            case CLOSED -> SEVERITY_NONE;
            case OPEN -> BAD;
            case HALF_OPEN -> DEGRADED;
        };
    }

    /** A health check or the application: UP green, DEGRADED amber, DOWN red. */
    public static String of(HealthStatus status) {
        return switch (status) {
            case UP -> GOOD;
            case DEGRADED -> DEGRADED;
            case DOWN -> BAD;
        };
    }

    public static String of(DatabaseStatus status) {
        return switch (status) {
            case REACHABLE -> GOOD;
            case UNREACHABLE -> BAD;
            case CHECKING -> UNKNOWN;
        };
    }

    /** A scaling decision: up blue, down teal, no change grey, held back by a guard amber. */
    public static String of(ScalingAction action) {
        return switch (action) {
            case SCALE_UP -> SCALING_UP;
            case SCALE_DOWN -> SCALING_DOWN;
            case NO_CHANGE -> UNKNOWN;
            case BLOCKED -> DEGRADED;
        };
    }

    /** The style of a severity; null (no alert) is {@link #SEVERITY_NONE}. */
    public static String of(Severity severity) {
        if (severity == null) {
            return SEVERITY_NONE;
        }
        return switch (severity) {
            case INFO -> SEVERITY_INFO;
            case WARNING -> SEVERITY_WARNING;
            case CRITICAL -> SEVERITY_CRITICAL;
        };
    }

    /** The most severe of {@code alerts}, empty when there are none. */
    public static Optional<Severity> worst(Collection<Alert> alerts) {
        return alerts.stream().map(Alert::severity).max(Comparator.naturalOrder());
    }

    /**
     * A runbook step: SUCCEEDED green, FAILED red, FAILED_CONTINUED and INTERRUPTED amber, RUNNING
     * and AWAITING_APPROVAL highlighted, PLANNED blue, PENDING and SKIPPED grey.
     */
    public static String of(StepState state) {
        return switch (state) {
            case SUCCEEDED -> GOOD;
            case FAILED -> BAD;
            case FAILED_CONTINUED, INTERRUPTED -> DEGRADED;
            case RUNNING -> RUNNING;
            case AWAITING_APPROVAL -> AWAITING;
            case PLANNED -> PLANNED;
            case PENDING, SKIPPED -> UNKNOWN;
        };
    }

    /** A runbook run: SUCCEEDED green, FAILED and INTERRUPTED red, CANCELLED amber, RUNNING highlighted. */
    public static String of(RunState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case SUCCEEDED -> GOOD;
            case FAILED, INTERRUPTED -> BAD;
            case CANCELLED -> DEGRADED;
        };
    }

    /** A plan's business impact: OK green, AT RISK red, NOT DRILLED amber. */
    public static String of(ImpactStatus status) {
        return switch (status) {
            case OK -> GOOD;
            case AT_RISK -> BAD;
            case NOT_DRILLED -> DEGRADED;
        };
    }
}
