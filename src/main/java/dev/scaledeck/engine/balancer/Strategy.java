package dev.scaledeck.engine.balancer;

/** How {@link LoadBalancer#next()} chooses among the instances that may take traffic. */
public enum Strategy {
    /**
     * nginx's smooth weighted round-robin: weights 5, 1, 1 give {@code a a b a c a a}, spreading
     * the heavy instance's turns instead of sending it five requests in a row. As with nginx's
     * worker processes, each thread (stripe) walks the sequence on its own, so the split by
     * weight is exact per thread over whole cycles.
     */
    SMOOTH_WEIGHTED_ROUND_ROBIN,
    /**
     * Fewest requests in flight relative to weight; ties, and sets too large to scan, are decided
     * by random choice (two distinct random candidates for large sets).
     */
    LEAST_CONNECTIONS,
    /** Each eligible instance in turn, ignoring weights. */
    ROUND_ROBIN
}
