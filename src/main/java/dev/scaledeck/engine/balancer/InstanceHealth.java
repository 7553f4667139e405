package dev.scaledeck.engine.balancer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an instance stands with the balancer, and the table of legal moves between those
 * states. Only {@link #HEALTHY} instances take traffic (outside panic mode).
 *
 * <pre>
 *   HEALTHY   -> UNHEALTHY, EJECTED, DRAINING
 *   UNHEALTHY -> HEALTHY, EJECTED, DRAINING
 *   EJECTED   -> HEALTHY, UNHEALTHY, DRAINING
 *   DRAINING  -> REMOVED
 *   REMOVED   -> (none)
 * </pre>
 *
 * An instance leaves the balancer only by draining, so no request is cut off.
 */
public enum InstanceHealth {
    /** Takes traffic. */
    HEALTHY,
    /** Failed its active {@code /health} probes. */
    UNHEALTHY,
    /** Taken out by passive outlier detection (for a time) or by an operator (until restored). */
    EJECTED,
    /** Takes no new requests; removed once its in-flight requests finish. */
    DRAINING,
    /** Gone. */
    REMOVED;

    private static final Map<InstanceHealth, Set<InstanceHealth>> LEGAL = new EnumMap<>(InstanceHealth.class);

    static {
        LEGAL.put(HEALTHY, Collections.unmodifiableSet(EnumSet.of(UNHEALTHY, EJECTED, DRAINING)));
        LEGAL.put(UNHEALTHY, Collections.unmodifiableSet(EnumSet.of(HEALTHY, EJECTED, DRAINING)));
        LEGAL.put(EJECTED, Collections.unmodifiableSet(EnumSet.of(HEALTHY, UNHEALTHY, DRAINING)));
        LEGAL.put(DRAINING, Collections.unmodifiableSet(EnumSet.of(REMOVED)));
        LEGAL.put(REMOVED, Collections.unmodifiableSet(EnumSet.noneOf(InstanceHealth.class)));
    }

    /** The states this one may move to. */
    public Set<InstanceHealth> legalNext() {
        return LEGAL.get(this);
    }

    public boolean canMoveTo(InstanceHealth next) {
        return LEGAL.get(this).contains(next);
    }

    /** Whether an instance in this state may still serve requests when the balancer panics. */
    boolean servesInPanic() {
        return this == HEALTHY || this == UNHEALTHY || this == EJECTED;
    }
}
