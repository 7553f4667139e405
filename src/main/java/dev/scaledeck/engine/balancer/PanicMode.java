package dev.scaledeck.engine.balancer;

/** What {@link LoadBalancer#next()} does when no instance is eligible (every one ejected, unhealthy or open). */
public enum PanicMode {
    /** Throw {@link NoHealthyInstanceException} naming each instance and why it is out. */
    FAIL_FAST,
    /**
     * Spread traffic over every instance that is not draining, on the theory that a degraded
     * fleet serves some requests and an empty one serves none (Envoy's panic threshold).
     */
    SPREAD
}
