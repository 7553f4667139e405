package dev.scaledeck.engine.recovery;

import java.util.concurrent.CompletableFuture;

/** A runbook run under way: a live snapshot, a cancel, and the final progress. Thread-safe. */
public interface RecoveryRun {

    String id();

    /** The run now. */
    RunbookProgress progress();

    /** Asks the run to stop after the current attempt; the rest is skipped and the run is CANCELLED. */
    void cancel();

    /** Completes with the last progress when the run has ended (never exceptionally). */
    CompletableFuture<RunbookProgress> result();
}
