package dev.scaledeck.engine.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges thresholds against a run's totals: error_rate and checks in percent, rps over the
 * seconds load was offered, latencies from the whole run's histogram. A threshold on something
 * not measured (no request completed, no check ran) does not hold.
 * <p>
 * <b>Abort on fail</b>, k6 style: from {@link #GRACE} after the start, every threshold except
 * {@code rps} (which a ramp-up would fail early) is judged each second on the run so far; the
 * first one that fails is lost and ends the run. Nothing measured yet is not a loss.
 * Stateless; thread-safe.
 */
final class ThresholdJudge {

    /** Abort-on-fail judges nothing before this much of the run has passed, so a cold start cannot abort. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private ThresholdJudge() {
    }

    static List<ThresholdResult> judge(List<Threshold> thresholds, RunTotals totals) {
        List<ThresholdResult> results = new ArrayList<>(thresholds.size());
        for (Threshold t : thresholds) {
            double actual = measure(t.metric(), totals);
            results.add(new ThresholdResult(t, actual, !Double.isNaN(actual) && t.comparison().holds(actual, t.limit())));
        }
        return results;
    }

    /** Why the run should be aborted now, or empty while every threshold can still hold. */
    static Optional<String> lost(List<Threshold> thresholds, RunTotals soFar, Duration elapsed) {
        if (elapsed.compareTo(GRACE) < 0) {
            return Optional.empty();
        }
        for (Threshold t : thresholds) {
            double actual = measure(t.metric(), soFar);
            if (t.metric() != Threshold.Measure.RPS && !Double.isNaN(actual) && !t.comparison().holds(actual, t.limit())) {
                return Optional.of("threshold " + t.text() + " is lost: " + t.metric().name().toLowerCase(Locale.ROOT)
                        + " was " + format(t.metric(), actual) + " after " + elapsed.toSeconds() + " s (abort on fail "
                        + "judges each threshold every second from " + GRACE.toSeconds() + " s on)");
            }
        }
        return Optional.empty();
    }

    static double measure(Threshold.Measure metric, RunTotals totals) {
        LoadTestReport.Latency l = totals.latency();
        return switch (metric) {
            case P50 -> l.p50();
            case P90 -> l.p90();
            case P95 -> l.p95();
            case P99 -> l.p99();
            case MAX -> l.max();
            case MEAN -> l.mean();
            case ERROR_RATE -> totals.errorRatePercent();
            case CHECKS -> totals.checksPercent();
            case RPS -> totals.requests() == 0 ? Double.NaN : totals.requestsPerSecond();
        };
    }

    private static String format(Threshold.Measure metric, double value) {
        return switch (metric) {
            case ERROR_RATE, CHECKS -> String.format(Locale.ROOT, "%.2f %%", value);
            case RPS -> String.format(Locale.ROOT, "%.1f requests/s", value);
            default -> String.format(Locale.ROOT, "%.1f ms", value);
        };
    }
}
