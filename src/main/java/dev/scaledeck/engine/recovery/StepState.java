package dev.scaledeck.engine.recovery;

/** Where one step of a run is. */
public enum StepState {
    PENDING,
    RUNNING,
    /** Waiting for an operator's approval. */
    AWAITING_APPROVAL,
    SUCCEEDED,
    FAILED,
    /** Failed, and the plan said to continue. */
    FAILED_CONTINUED,
    /** Not run: the run ended before it. */
    SKIPPED,
    /** A dry run: what the step would do, listed. */
    PLANNED,
    /** The process ended while the step ran (read back from the journal). */
    INTERRUPTED
}
