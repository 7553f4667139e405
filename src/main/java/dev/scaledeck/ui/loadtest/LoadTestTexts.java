package dev.scaledeck.ui.loadtest;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.loadtest.ErrorKind;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.LoadTestReport;
import dev.scaledeck.engine.loadtest.LoadTestSnapshot;
import dev.scaledeck.engine.loadtest.ThresholdResult;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the Load tests section words a run: its progress, its outcome, its figures. Stateless. */
final class LoadTestTexts {

    private LoadTestTexts() {
    }

    /** {@code 0.25 %}: two decimals, so a few failed requests never read as 0. */
    static String errorRate(double percent) {
        return Double.isNaN(percent) ? Formats.NONE : String.format(Locale.ROOT, "%.2f %%", percent);
    }

    /** {@code 12s of 1m · 5,432 requests · 450.0 req/s · p50 1.20 ms · p99 4.50 ms · errors 3 (connect 3) · in flight 12}. */
    static String progress(LoadTestSnapshot s, LoadTestPlan plan) {
        return seconds(s.elapsed()) + " of " + Durations.human(plan.duration()) + " · " + Formats.count(s.requests())
                + " requests · " + Formats.rate(s.requestsPerSecond()) + " req/s · p50 " + Formats.millis(s.p50Ms())
                + " · p99 " + Formats.millis(s.p99Ms()) + " · errors " + errors(s.errors()) + " · in flight "
                + Formats.count(s.inFlight()) + (s.missedSends() > 0 ? " · sent late " + Formats.count(s.missedSends()) : "");
    }

    /** What Start began: {@code Running 2026...: 50 users, ramp-up 10s against the cluster: /api for 1m}. */
    static String running(String id, LoadTestPlan plan) {
        return "Running " + id + ": " + plan.workload().describe() + " against " + plan.target().describe() + " for "
                + Durations.human(plan.duration());
    }

    /** How a run ended, in the colour of its verdict, with the figures and where the report is. */
    static StatusLine outcome(LoadTestReport r) {
        String figures = figures(r);
        String ran = seconds(Duration.between(r.started(), r.ended()));
        return switch (r.state()) {
            case FAILED -> StatusLine.bad("Load test " + r.id() + " could not run: " + r.problem().orElse("no reason given"));
            case ABORTED -> StatusLine.bad("Aborted after " + ran + ": " + r.problem().orElse("a threshold was lost")
                    + ". " + figures);
            case STOPPED -> new StatusLine("Stopped after " + ran + " (you pressed Stop); on what ran, "
                    + verdict(r) + ". " + figures, StatusStyles.DEGRADED);
            default -> r.passed() ? StatusLine.good("Passed: " + verdict(r) + ". " + figures)
                    : StatusLine.bad("Failed thresholds: " + verdict(r) + ". " + figures);
        };
    }

    /** {@code every threshold held (p95<500ms: 3.20 ms)} or {@code error_rate<1% failed (100.00 %)}. */
    private static String verdict(LoadTestReport r) {
        List<ThresholdResult> failed = r.thresholds().stream().filter(t -> !t.passed()).toList();
        if (failed.isEmpty()) {
            return "every threshold held (" + list(r.thresholds()) + ")";
        }
        return list(failed) + " failed"
                + (failed.size() < r.thresholds().size() ? "; the others held" : "");
    }

    private static String list(List<ThresholdResult> results) {
        return results.stream().map(t -> t.threshold().text() + ": " + actual(t)).collect(Collectors.joining(", "));
    }

    /** The measured value in the threshold's unit. */
    static String actual(ThresholdResult t) {
        double v = t.actual();
        if (Double.isNaN(v)) {
            return "not measured";
        }
        return switch (t.threshold().metric()) {
            case ERROR_RATE, CHECKS -> errorRate(v);
            case RPS -> Formats.rate(v) + " req/s";
            default -> Formats.millis(v);
        };
    }

    /** {@code 1,234 requests, 410.2 req/s, p99 4.50 ms, errors none}. */
    private static String figures(LoadTestReport r) {
        return Formats.count(r.requests()) + " requests, " + Formats.rate(r.requestsPerSecond()) + " req/s, p99 "
                + Formats.millis(r.latency().p99()) + ", errors " + errors(r.errors()) + ".";
    }

    /** {@code 3 (connect 3)}, or {@code 0}. */
    static String errors(Map<ErrorKind, Long> byKind) {
        long all = byKind.values().stream().mapToLong(Long::longValue).sum();
        if (all == 0) {
            return "0";
        }
        return Formats.count(all) + " (" + byKind.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> kind(e.getKey()) + " " + Formats.count(e.getValue())).collect(Collectors.joining(", ")) + ")";
    }

    /** As the reports spell it: {@code timeout}, {@code connect}, {@code 4xx}, {@code 5xx}, {@code other}. */
    private static String kind(ErrorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace("http_", "");
    }

    private static String seconds(Duration d) {
        return Math.round(d.toMillis() / 1000.0) + "s";
    }
}
