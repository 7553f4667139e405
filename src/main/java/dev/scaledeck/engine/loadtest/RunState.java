package dev.scaledeck.engine.loadtest;

/** Where a load test is. */
public enum RunState {
    RUNNING,
    /** Ran its whole duration. */
    COMPLETED,
    /** The operator stopped it; the report covers what ran. */
    STOPPED,
    /** A threshold marked abort-on-fail was clearly lost; the report covers what ran. */
    ABORTED,
    /** It could not run (the target could not be set up); the report says why. */
    FAILED
}
