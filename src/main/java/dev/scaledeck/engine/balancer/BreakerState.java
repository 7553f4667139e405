package dev.scaledeck.engine.balancer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The state of an instance's circuit breaker, as shown in {@link InstanceStats}. */
public enum BreakerState {
    /** Calls flow; failures and slow calls are counted. */
    CLOSED,
    /** Too many failures or slow calls: the instance takes no traffic until the open wait passes. */
    OPEN,
    /** A few trial calls decide between closing again and reopening. */
    HALF_OPEN;

    static BreakerState of(CircuitBreaker.State state) {
        switch (state) {
            case OPEN:
            case FORCED_OPEN:
                return OPEN;
            case HALF_OPEN:
                return HALF_OPEN;
            default:
                return CLOSED;
        }
    }
}
