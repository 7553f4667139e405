package dev.scaledeck.engine.health;

/**
 * One thing whose health the engine watches. {@link #check()} measures once and returns the
 * answer; it should bound its own waits (the service cuts it off at the check timeout anyway,
 * but then the reason is only "no answer"). Implementations must be thread-safe: the periodic
 * round and an operator's "check now" may run it at the same time.
 */
public interface HealthCheck {

    /** A short, unique name: {@code database}, {@code memory}, {@code disk}, {@code payments-api}. */
    String name();

    /** Measures once. Should not throw; a thrown exception is reported as DOWN. */
    HealthResult check();

    /** A critical check that is DOWN makes the whole application DOWN; others only DEGRADED. */
    default boolean critical() {
        return false;
    }
}
