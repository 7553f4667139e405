package dev.scaledeck.engine.loadtest;

import java.util.concurrent.CompletableFuture;

/** A load test under way: its live snapshot, a stop, and the report it ends with. Thread-safe. */
public interface LoadTestRun {

    /** {@code 20261126-140500-cluster-50-users}. */
    String id();

    LoadTestPlan plan();

    /** The latest per-second snapshot (updated every second), or the final one once ended. */
    LoadTestSnapshot snapshot();

    /** Ends the run within a second; the report is still written, marked stopped. Idempotent. */
    void stop();

    /** Completes with the report once the run has ended and its files are written. */
    CompletableFuture<LoadTestReport> report();
}
