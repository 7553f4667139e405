package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches running load tests and raises alerts through the {@link AlertCenter} (the seed's
 * alerting) while one hurts: more than {@value #DEFAULT_ERROR_RATE_PERCENT} % of the requests
 * of the last second failed, or the last second's p99 is above the configured latency limit.
 * Each alert clears when a later second is healthy again or the run ends. Keys are per run:
 * {@code loadtest.<run id>.errors} and {@code loadtest.<run id>.latency}.
 *
 * <p>The last second is what happened between two observed snapshots of a run (the totals'
 * difference), so the error rate is exact even if a snapshot is skipped. A second with fewer
 * than {@value #DEFAULT_MINIMUM_REQUESTS} completed requests says too little about the error
 * rate (1 failure of 2 is not 50 % of anything): it neither raises nor clears that alert; a
 * second in which nothing completed likewise leaves the latency alert as it was.
 *
 * <p>Thread-safe; many runs may be watched at once. Snapshots of one run are expected in order,
 * from one thread (the run's sampler).
 */
public final class PerformanceMonitor {

    public static final double DEFAULT_ERROR_RATE_PERCENT = 10;
    public static final long DEFAULT_MINIMUM_REQUESTS = 10;
    static final String SOURCE = "loadtest";

    private final AlertCenter alerts;
    private final Duration latencyLimit;
    private final double errorRatePercent;
    private final long minimumRequests;
    private final Map<String, LoadTestSnapshot> previous = new ConcurrentHashMap<>();

    /** Alerts above 10 % errors (given at least 10 requests in the second) and above {@code latencyLimit} p99. */
    public PerformanceMonitor(AlertCenter alerts, Duration latencyLimit) {
        this(alerts, latencyLimit, DEFAULT_ERROR_RATE_PERCENT, DEFAULT_MINIMUM_REQUESTS);
    }

    /**
     * @param latencyLimit     a second's p99 above this raises the latency alert; above 0
     * @param errorRatePercent a second's error rate above this raises the error alert; 0 to 100
     * @param minimumRequests  requests a second needs before its error rate counts; at least 1
     */
    public PerformanceMonitor(AlertCenter alerts, Duration latencyLimit, double errorRatePercent, long minimumRequests) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(latencyLimit, "latencyLimit");
        if (latencyLimit.isNegative() || latencyLimit.isZero()) {
            throw new IllegalArgumentException("latencyLimit must be longer than 0, but was " + latencyLimit);
        }
        if (!(errorRatePercent >= 0 && errorRatePercent <= 100)) {
            throw new IllegalArgumentException("errorRatePercent must be from 0 to 100, but was " + errorRatePercent);
        }
        if (minimumRequests < 1) {
            throw new IllegalArgumentException("minimumRequests must be at least 1, but was " + minimumRequests);
        }
        this.latencyLimit = latencyLimit;
        this.errorRatePercent = errorRatePercent;
        this.minimumRequests = minimumRequests;
    }

    /** The key of a run's error-rate alert. */
    public static String errorsKey(String runId) {
        return "loadtest." + runId + ".errors";
    }

    /** The key of a run's latency alert. */
    public static String latencyKey(String runId) {
        return "loadtest." + runId + ".latency";
    }

    /**
     * Judges a run's latest snapshot against the one observed before; a snapshot of an ended
     * run (not {@link RunState#RUNNING}) ends the watch as {@link #ended} does.
     */
    public void observe(String runId, LoadTestSnapshot snapshot) {
        if (snapshot.state() != RunState.RUNNING) {
            ended(runId);
            return;
        }
        LoadTestSnapshot before = previous.put(runId, snapshot);
        judgeErrors(runId, before, snapshot);
        judgeLatency(runId, snapshot);
    }

    /** Clears the run's alerts and forgets it. Idempotent. */
    public void ended(String runId) {
        previous.remove(runId);
        String reason = "Load test " + runId + " ended";
        alerts.clear(errorsKey(runId), reason);
        alerts.clear(latencyKey(runId), reason);
    }

    private void judgeErrors(String runId, LoadTestSnapshot before, LoadTestSnapshot now) {
        long requests = now.requests() - (before == null ? 0 : before.requests());
        if (requests < minimumRequests) {
            return;
        }
        Map<ErrorKind, Long> failed = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            long earlier = before == null ? 0 : before.errors().getOrDefault(kind, 0L);
            failed.put(kind, Math.max(0, now.errors().getOrDefault(kind, 0L) - earlier));
        }
        long failures = failed.values().stream().mapToLong(Long::longValue).sum();
        double rate = ReportText.percent(failures, requests);
        String window = window(before, now);
        String key = errorsKey(runId);
        if (rate > errorRatePercent) {
            alerts.raise(key, Severity.WARNING, SOURCE, String.format(Locale.ROOT,
                    "Load test %s: %.0f %% of requests failed in the last %s (%s)", runId, rate, window,
                    ReportText.errorList(failed)));
        } else {
            alerts.clear(key, String.format(Locale.ROOT, "Load test %s: %.0f %% of requests failed in the last %s, "
                    + "at most %s %% allowed", runId, rate, window, ReportText.plain(errorRatePercent)));
        }
    }

    private void judgeLatency(String runId, LoadTestSnapshot now) {
        double p99 = now.p99Ms();
        if (Double.isNaN(p99)) {
            return;
        }
        double limit = latencyLimit.toNanos() / 1e6;
        String key = latencyKey(runId);
        if (p99 > limit) {
            alerts.raise(key, Severity.WARNING, SOURCE, String.format(Locale.ROOT,
                    "Load test %s: p99 latency %,.0f ms in the last second, above the limit of %,.0f ms", runId, p99, limit));
        } else {
            alerts.clear(key, String.format(Locale.ROOT,
                    "Load test %s: p99 latency %,.0f ms in the last second, within the limit of %,.0f ms", runId, p99, limit));
        }
    }

    /** {@code second}, or {@code 3 s} when snapshots were skipped. */
    private static String window(LoadTestSnapshot before, LoadTestSnapshot now) {
        Duration span = before == null ? now.elapsed() : now.elapsed().minus(before.elapsed());
        long seconds = Math.round(span.toMillis() / 1000.0);
        return seconds <= 1 ? "second" : seconds + " s";
    }
}
