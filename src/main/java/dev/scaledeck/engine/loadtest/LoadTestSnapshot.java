package dev.scaledeck.engine.loadtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A running (or finished) load test at one moment, as the live view and the CSV timeline show
 * it: the last second's figures and the totals so far. Immutable.
 *
 * @param at                 when (engine clock)
 * @param elapsed            since the test started
 * @param state              running or how it ended
 * @param requests           requests completed so far (answered or failed)
 * @param requestsPerSecond  requests completed in the last second
 * @param p50Ms              latency percentiles of the last second, milliseconds (NaN when none completed)
 * @param p90Ms              ...
 * @param p99Ms              ...
 * @param maxMs              ...
 * @param errors             errors so far, by kind
 * @param inFlight           requests sent and not answered yet
 * @param activeUsers        virtual users running (closed model); 0 for the open model
 * @param targetRate         the arrival rate asked for now (open model); 0 for the closed model
 * @param missedSends        arrivals that could not be sent on time so far (open model): sent late, counted
 * @param checksPassed       checks that held so far
 * @param checksFailed       checks that did not hold so far
 * @param perInstance        requests so far per instance (cluster target); empty otherwise
 * @param poolWaits          requests so far that had to wait for a pooled connection (SQL target; more than
 *                           1 ms to acquire); 0 otherwise
 */
public record LoadTestSnapshot(Instant at, Duration elapsed, RunState state, long requests, double requestsPerSecond,
                               double p50Ms, double p90Ms, double p99Ms, double maxMs, Map<ErrorKind, Long> errors,
                               long inFlight, int activeUsers, double targetRate, long missedSends, long checksPassed,
                               long checksFailed, Map<String, Long> perInstance, long poolWaits) {

    public LoadTestSnapshot {
        errors = Map.copyOf(errors);
        perInstance = Map.copyOf(perInstance);
    }

    /** Without pool waits (targets other than SQL). */
    public LoadTestSnapshot(Instant at, Duration elapsed, RunState state, long requests, double requestsPerSecond,
                            double p50Ms, double p90Ms, double p99Ms, double maxMs, Map<ErrorKind, Long> errors,
                            long inFlight, int activeUsers, double targetRate, long missedSends, long checksPassed,
                            long checksFailed, Map<String, Long> perInstance) {
        this(at, elapsed, state, requests, requestsPerSecond, p50Ms, p90Ms, p99Ms, maxMs, errors, inFlight, activeUsers,
                targetRate, missedSends, checksPassed, checksFailed, perInstance, 0);
    }

    /** Errors so far, all kinds. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
