package dev.scaledeck.engine.balancer;

/**
 * Chooses one member of an immutable rotation. Implementations keep no lock: they read
 * immutable arrays and at most one shared atomic counter. Thread-safe.
 */
interface Selector {

    /** A selector over no instances. */
    Selector EMPTY = attempt -> null;

    /**
     * @param attempt 0 for the first try of a pick, then 1, 2, ... when the member chosen before
     *                turned out unable to take the request (its breaker refused a permit)
     * @return a member, or null when the rotation is empty
     */
    Backend select(int attempt);
}
