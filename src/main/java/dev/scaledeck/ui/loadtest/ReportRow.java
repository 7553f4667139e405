package dev.scaledeck.ui.loadtest;

import dev.scaledeck.engine.loadtest.ReportSummary;
import dev.scaledeck.engine.loadtest.RunState;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * One past load test as the history table shows it. Immutable; equal rows mean nothing changed
 * on screen.
 *
 * @param id           the report's id
 * @param started      local date and time, e.g. {@code 2026-11-26 14:05:00}
 * @param name         the plan's name
 * @param target       where the requests went
 * @param requests     requests completed
 * @param rps          requests per second over the run
 * @param p99          latency p99 over the run
 * @param errorRate    failed requests, e.g. {@code 0.25 %}
 * @param result       {@code PASS}, {@code FAIL} or {@code unreadable}
 * @param resultStyle  the result's colour
 * @param state        {@code completed}, {@code stopped}, {@code aborted}, {@code failed}; or why the
 *                     report cannot be read
 * @param html         the HTML report, when the file exists
 */
public record ReportRow(String id, String started, String name, String target, String requests, String rps,
                        String p99, String errorRate, String result, String resultStyle, String state,
                        Optional<Path> html) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    static ReportRow of(ReportSummary s, ZoneId zone) {
        if (!s.readable()) {
            return new ReportRow(s.id(), Formats.NONE, s.id(), Formats.NONE, Formats.NONE, Formats.NONE, Formats.NONE,
                    Formats.NONE, "unreadable", StatusStyles.UNKNOWN, s.unreadable().orElse(""), s.html());
        }
        return new ReportRow(s.id(), s.started().map(t -> WHEN.format(t.atZone(zone))).orElse(Formats.NONE),
                s.name(), s.target(), Formats.count(s.requests()), Formats.rate(s.requestsPerSecond()),
                Formats.millis(s.p99Ms()), LoadTestTexts.errorRate(s.errorRatePercent()), s.passed() ? "PASS" : "FAIL",
                s.passed() ? StatusStyles.GOOD : StatusStyles.BAD,
                s.state().map(state -> state.name().toLowerCase(Locale.ROOT)).orElse(Formats.NONE)
                        + (s.state().orElse(RunState.COMPLETED) == RunState.COMPLETED ? ""
                        : s.runProblem().map(p -> ": " + p).orElse("")),
                s.html());
    }
}
