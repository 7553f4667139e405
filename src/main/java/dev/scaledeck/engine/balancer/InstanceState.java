package dev.scaledeck.engine.balancer;

/** What the last health probes said of an instance. */
public enum InstanceState {
    /** Not probed yet. */
    UNKNOWN,
    /** Answers {@code /health} with 2xx. */
    UP,
    /** Refuses, times out or answers {@code /health} with an error. */
    DOWN
}
