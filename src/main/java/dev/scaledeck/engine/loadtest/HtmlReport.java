package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.config.Durations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html}: one self-contained page (inline style and SVG, no script, font, style
 * sheet or image from anywhere) that a browser opens from disk: a pass/fail banner, the plan,
 * totals, thresholds, errors by kind, the distribution across instances and charts over time
 * of throughput, latency percentiles, errors and the load offered. Every text from the plan
 * is escaped; the target and the problem are masked. Stateless; thread-safe.
 */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:860px;\
            color:#1d2330;padding:0 16px}
            h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.15em;margin-top:28px;border-bottom:1px solid #dde1e8}
            .banner{padding:12px 16px;border-radius:6px;font-weight:600;font-size:1.1em;color:#fff}
            .pass{background:#1f8a4c}.fail{background:#c0392b}
            table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;border-bottom:1px solid #eef0f4;\
            text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1f8a4c;font-weight:600}\
            .bad{color:#c0392b;font-weight:600}
            code{word-break:break-all}figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}
            svg text{font-size:11px;fill:#4a5263}svg .grid{stroke:#e3e6ec}svg .bar{fill:#3b6fd4}
            .muted{color:#6b7385}""";

    private HtmlReport() {
    }

    static String text(LoadTestReport report) {
        String name = ReportText.html(report.plan().name());
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Load test ").append(name).append(": ").append(verdict(report)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
                .append("<h1>Load test ").append(name).append("</h1>\n")
                .append("<p class=\"muted\">").append(ReportText.html(report.id())).append("</p>\n");
        banner(html, report);
        plan(html, report);
        totals(html, report);
        thresholds(html, report);
        errors(html, report);
        instances(html, report);
        charts(html, report);
        return html.append("</body>\n</html>\n").toString();
    }

    private static String verdict(LoadTestReport report) {
        return report.passed() ? "PASSED" : "FAILED";
    }

    private static void banner(StringBuilder html, LoadTestReport report) {
        String how = switch (report.state()) {
            case RUNNING -> "still running when written";
            case COMPLETED -> "ran its whole duration";
            case STOPPED -> "stopped by the operator; the figures cover what ran";
            case ABORTED -> "aborted: a threshold was clearly lost; the figures cover what ran";
            case FAILED -> "could not run";
        };
        html.append("<div class=\"banner ").append(report.passed() ? "pass" : "fail").append("\">")
                .append(verdict(report)).append(" — ").append(ReportText.html(how)).append("</div>\n");
        report.problem().ifPresent(p -> html.append("<p class=\"bad\">").append(ReportText.html(ReportText.masked(p)))
                .append("</p>\n"));
    }

    private static void plan(StringBuilder html, LoadTestReport report) {
        LoadTestPlan plan = report.plan();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Target", ReportText.masked(plan.target().describe()));
        rows.put("Workload", plan.workload().describe());
        rows.put("Duration", Durations.format(plan.duration()));
        rows.put("Request", plan.request().method() + ", timeout " + Durations.format(plan.request().timeout()));
        rows.put("Checks", plan.checks().isEmpty() ? "none" : String.join("   ",
                plan.checks().stream().map(Check::text).toList()));
        rows.put("Thresholds", plan.thresholds().isEmpty() ? "none" : String.join("   ",
                plan.thresholds().stream().map(Threshold::text).toList()));
        rows.put("Abort when a threshold is lost", plan.abortOnFail() ? "yes" : "no");
        rows.put("Started", report.started().toString());
        rows.put("Ended", report.ended().toString());
        html.append("<h2>Plan</h2>\n<table>\n");
        rows.forEach((key, value) -> html.append("<tr><th>").append(ReportText.html(key)).append("</th><td><code>")
                .append(ReportText.html(value)).append("</code></td></tr>\n"));
        html.append("</table>\n");
    }

    private static void totals(StringBuilder html, LoadTestReport report) {
        LoadTestReport.Latency l = report.latency();
        html.append("<h2>Totals</h2>\n<table>\n");
        row(html, "Requests", ReportText.count(report.requests()));
        row(html, "Requests/s", ReportText.decimal(report.requestsPerSecond()));
        row(html, "Latency p50 / p90 / p95 / p99 (ms)", ReportText.decimal(l.p50()) + " / " + ReportText.decimal(l.p90())
                + " / " + ReportText.decimal(l.p95()) + " / " + ReportText.decimal(l.p99()));
        row(html, "Latency max / mean (ms)", ReportText.decimal(l.max()) + " / " + ReportText.decimal(l.mean()));
        row(html, "Errors", ReportText.count(report.errorCount()) + " (" + ReportText.decimal(ReportText.errorRate(report))
                + " %)");
        row(html, "Sent late (open model)", ReportText.count(report.missedSends()));
        row(html, "Checks passed / failed", ReportText.count(report.checksPassed()) + " / "
                + ReportText.count(report.checksFailed()) + " (" + ReportText.decimal(ReportText.checkRate(report)) + " %)");
        html.append("</table>\n");
    }

    private static void thresholds(StringBuilder html, LoadTestReport report) {
        if (!section(html, "Thresholds", report.thresholds().isEmpty(), "No thresholds were set.")) {
            return;
        }
        html.append("<table>\n<tr><th>Threshold</th><th class=\"n\">Actual</th><th>Result</th></tr>\n");
        for (ThresholdResult t : report.thresholds()) {
            html.append("<tr><td><code>").append(ReportText.html(t.threshold().text())).append("</code></td><td class=\"n\">")
                    .append(ReportText.decimal(t.actual())).append(unit(t.threshold())).append("</td><td class=\"")
                    .append(t.passed() ? "ok\">pass" : "bad\">FAIL").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String unit(Threshold threshold) {
        return switch (threshold.metric()) {
            case ERROR_RATE, CHECKS -> " %";
            case RPS -> " /s";
            default -> " ms";
        };
    }

    private static void errors(StringBuilder html, LoadTestReport report) {
        html.append("<h2>Errors by kind</h2>\n<table>\n");
        for (ErrorKind kind : ErrorKind.values()) {
            long n = report.errors().getOrDefault(kind, 0L);
            html.append("<tr><th>").append(ReportText.id(kind)).append("</th><td class=\"n\">")
                    .append(ReportText.count(n)).append("</td><td class=\"n\">")
                    .append(ReportText.decimal(ReportText.percent(n, report.requests()))).append(" %</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void instances(StringBuilder html, LoadTestReport report) {
        if (!section(html, "Distribution across instances", report.perInstance().isEmpty(),
                "Not a cluster test: all requests went to one target.")) {
            return;
        }
        html.append("<figure>").append(SvgChart.bars("Requests per instance",
                new TreeMap<>(report.perInstance()))).append("</figure>\n");
    }

    private static void charts(StringBuilder html, LoadTestReport report) {
        List<LoadTestSnapshot> timeline = report.timeline();
        int n = timeline.size();
        double[] seconds = new double[n];
        double[] rps = new double[n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] p99 = new double[n];
        double[] errors = new double[n];
        double[] users = new double[n];
        double[] rate = new double[n];
        long previousErrors = 0;
        for (int i = 0; i < n; i++) {
            LoadTestSnapshot s = timeline.get(i);
            seconds[i] = s.elapsed().toMillis() / 1000.0;
            rps[i] = s.requestsPerSecond();
            p50[i] = s.p50Ms();
            p90[i] = s.p90Ms();
            p99[i] = s.p99Ms();
            errors[i] = Math.max(0, s.errorCount() - previousErrors);
            previousErrors = s.errorCount();
            users[i] = s.activeUsers();
            rate[i] = s.targetRate();
        }
        html.append("<h2>Over time</h2>\n");
        figure(html, "Throughput", SvgChart.lines("Throughput", "requests/s", seconds,
                List.of(new SvgChart.Series("achieved", "#3b6fd4", rps))));
        figure(html, "Latency percentiles", SvgChart.lines("Latency percentiles", "ms", seconds, List.of(
                new SvgChart.Series("p50", "#2a9d8f", p50), new SvgChart.Series("p90", "#e9a23b", p90),
                new SvgChart.Series("p99", "#c0392b", p99))));
        figure(html, "Errors", SvgChart.lines("Errors", "errors/s", seconds,
                List.of(new SvgChart.Series("errors", "#c0392b", errors))));
        List<SvgChart.Series> load = new ArrayList<>();
        boolean closed = report.plan().workload() instanceof Workload.Closed;
        if (closed) {
            load.add(new SvgChart.Series("active users", "#6c4fc2", users));
        } else {
            load.add(new SvgChart.Series("asked rate", "#6c4fc2", rate));
            load.add(new SvgChart.Series("achieved", "#3b6fd4", rps));
        }
        String title = closed ? "Virtual users" : "Arrival rate";
        figure(html, title, SvgChart.lines(title, closed ? "users" : "requests/s", seconds, load));
    }

    /** A heading, and the text for an empty section when there is nothing to show; whether to go on. */
    private static boolean section(StringBuilder html, String title, boolean empty, String whenEmpty) {
        html.append("<h2>").append(ReportText.html(title)).append("</h2>\n");
        if (empty) {
            html.append("<p class=\"muted\">").append(ReportText.html(whenEmpty)).append("</p>\n");
        }
        return !empty;
    }

    private static void figure(StringBuilder html, String caption, String svg) {
        html.append("<figure><figcaption>").append(ReportText.html(caption)).append("</figcaption>\n").append(svg)
                .append("</figure>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(ReportText.html(name)).append("</th><td class=\"n\">")
                .append(ReportText.html(value)).append("</td></tr>\n");
    }
}
