package dev.scaledeck.engine.loadtest;

import java.util.Map;

/**
 * A run's totals at one moment, as thresholds judge them. Immutable.
 *
 * @param requests          requests completed (answered or failed)
 * @param errors            by kind
 * @param missedSends       arrivals not sent on time (open model)
 * @param checksPassed      checks that held
 * @param checksFailed      checks that did not
 * @param requestsPerSecond requests over the seconds load was offered
 * @param latency           over everything recorded, milliseconds
 * @param perInstance       requests per instance (cluster target)
 */
record RunTotals(long requests, Map<ErrorKind, Long> errors, long missedSends, long checksPassed, long checksFailed,
                 double requestsPerSecond, LoadTestReport.Latency latency, Map<String, Long> perInstance) {

    RunTotals {
        errors = Map.copyOf(errors);
        perInstance = Map.copyOf(perInstance);
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Failed requests in percent of all; NaN before any completed. */
    double errorRatePercent() {
        return requests == 0 ? Double.NaN : 100.0 * errorCount() / requests;
    }

    /** Passed checks in percent of all; NaN before any ran. */
    double checksPercent() {
        long all = checksPassed + checksFailed;
        return all == 0 ? Double.NaN : 100.0 * checksPassed / all;
    }
}
