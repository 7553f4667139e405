package dev.scaledeck.engine.failover;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a failover pair stands. Only the transitions in the table are legal:
 * <pre>
 *   ON_PRIMARY   -> FAILING_OVER
 *   FAILING_OVER -> ON_SECONDARY (switched) | ON_PRIMARY (switch failed)
 *   ON_SECONDARY -> FAILING_BACK
 *   FAILING_BACK -> ON_PRIMARY (switched)   | ON_SECONDARY (switch failed)
 * </pre>
 * While a switch is under way the endpoint it leaves is still the active one.
 */
public enum FailoverState {
    ON_PRIMARY, FAILING_OVER, ON_SECONDARY, FAILING_BACK;

    private static final Map<FailoverState, Set<FailoverState>> LEGAL = Map.of(
            ON_PRIMARY, EnumSet.of(FAILING_OVER),
            FAILING_OVER, EnumSet.of(ON_SECONDARY, ON_PRIMARY),
            ON_SECONDARY, EnumSet.of(FAILING_BACK),
            FAILING_BACK, EnumSet.of(ON_PRIMARY, ON_SECONDARY));

    public boolean canMoveTo(FailoverState next) {
        return LEGAL.get(this).contains(next);
    }

    /** The endpoint that takes the work in this state. */
    public EndpointRole active() {
        return this == ON_PRIMARY || this == FAILING_OVER ? EndpointRole.PRIMARY : EndpointRole.SECONDARY;
    }

    /** A switch is under way. */
    public boolean switching() {
        return this == FAILING_OVER || this == FAILING_BACK;
    }

    /** The stable state with {@code role} active. */
    static FailoverState on(EndpointRole role) {
        return role == EndpointRole.PRIMARY ? ON_PRIMARY : ON_SECONDARY;
    }
}
