package dev.scaledeck.engine.loadtest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished (or stopped) load test: totals, latency over the whole run, thresholds and the
 * per-second timeline. Immutable.
 *
 * @param id            {@code 20261126-140500-cluster-50-users}
 * @param plan          what was asked
 * @param started       when it started
 * @param ended         when it ended
 * @param state         completed, stopped, aborted or failed
 * @param problem       why it failed or was aborted; empty otherwise
 * @param requests      requests completed
 * @param requestsPerSecond requests / elapsed seconds
 * @param latency       over the whole run (HdrHistogram; from the scheduled time in the open model)
 * @param errors        by kind
 * @param missedSends   arrivals sent late (open model)
 * @param checksPassed  checks that held
 * @param checksFailed  checks that did not
 * @param thresholds    each threshold with the measured value
 * @param perInstance   requests per instance (cluster target)
 * @param timeline      one snapshot per second
 * @param directory     where its files were written, when they were
 * @param poolWaits     requests that had to wait for a pooled connection (SQL target; more than 1 ms to
 *                      acquire); 0 otherwise
 */
public record LoadTestReport(String id, LoadTestPlan plan, Instant started, Instant ended, RunState state,
                             Optional<String> problem, long requests, double requestsPerSecond, Latency latency,
                             Map<ErrorKind, Long> errors, long missedSends, long checksPassed, long checksFailed,
                             List<ThresholdResult> thresholds, Map<String, Long> perInstance,
                             List<LoadTestSnapshot> timeline, Optional<Path> directory, long poolWaits) {

    public LoadTestReport {
        errors = Map.copyOf(errors);
        thresholds = List.copyOf(thresholds);
        perInstance = Map.copyOf(perInstance);
        timeline = List.copyOf(timeline);
    }

    /** Without pool waits (targets other than SQL). */
    public LoadTestReport(String id, LoadTestPlan plan, Instant started, Instant ended, RunState state,
                          Optional<String> problem, long requests, double requestsPerSecond, Latency latency,
                          Map<ErrorKind, Long> errors, long missedSends, long checksPassed, long checksFailed,
                          List<ThresholdResult> thresholds, Map<String, Long> perInstance,
                          List<LoadTestSnapshot> timeline, Optional<Path> directory) {
        this(id, plan, started, ended, state, problem, requests, requestsPerSecond, latency, errors, missedSends,
                checksPassed, checksFailed, thresholds, perInstance, timeline, directory, 0);
    }

    /** This report, saved in {@code where}. */
    public LoadTestReport withDirectory(Optional<Path> where) {
        return new LoadTestReport(id, plan, started, ended, state, problem, requests, requestsPerSecond, latency, errors,
                missedSends, checksPassed, checksFailed, thresholds, perInstance, timeline, where, poolWaits);
    }

    /**
     * Latency figures of a run, milliseconds; NaN when no request completed.
     */
    public record Latency(double p50, double p90, double p95, double p99, double max, double mean) {
    }

    /** Whether every threshold held (and the run was not failed). */
    public boolean passed() {
        return state != RunState.FAILED && thresholds.stream().allMatch(ThresholdResult::passed);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
