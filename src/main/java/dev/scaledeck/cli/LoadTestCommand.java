package dev.scaledeck.cli;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.loadtest.ErrorKind;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.LoadTestReport;
import dev.scaledeck.engine.loadtest.LoadTestRun;
import dev.scaledeck.engine.loadtest.LoadTestSnapshot;
import dev.scaledeck.engine.loadtest.RunState;
import dev.scaledeck.engine.loadtest.ThresholdResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code scaledeck load-test}: one load test, its live progress, its report and the threshold verdict. */
@Command(name = "load-test", mixinStandardHelpOptions = true,
        description = "Run a load test against a URL, the cluster (through the load balancer) or the database "
                + "(an SQL statement through the pool): N virtual users (--concurrency, --ramp-up) or an arrival rate "
                + "(--rate, latency measured from each request's scheduled time).%n"
                + "Writes report.json, timeline.csv and report.html under HOME/reports/ID.%n"
                + "Exit 0 when every threshold holds, 1 when one fails (or the run could not start), 2 for usage errors.")
public final class LoadTestCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Mixin
    LoadTestOptions options;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON result to this file.")
    Path out;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        LoadTestPlan plan;
        try {
            plan = options.plan();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return withEngine((engine, config) -> {
            if (plan.target() instanceof LoadTarget.Cluster) {
                engine.probeInstances().get(5, TimeUnit.SECONDS);
            }
            LoadTestReport report = runShowingProgress(engine, plan);
            Map<String, Object> doc = document(report);
            if (out != null) {
                Files.writeString(out, OneShot.json(doc), StandardCharsets.UTF_8);
            }
            if (json) {
                OneShot.printJson(out(), doc);
            } else {
                printText(out(), report);
            }
            return report.passed() ? ExitCodes.OK : ExitCodes.PROBLEM;
        });
    }

    private LoadTestReport runShowingProgress(ScalingEngine engine, LoadTestPlan plan) throws Exception {
        LoadTestRun run = engine.loadTester().start(plan);
        Thread stopOnCtrlC = new Thread(() -> {
            run.stop();
            run.report().join();
        }, "scaledeck-load-test-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null && !json;
        try {
            while (!run.report().isDone()) {
                if (terminal) {
                    err.print("\r" + progress(run.snapshot(), plan));
                    err.flush();
                }
                try {
                    run.report().get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // one more progress line
                }
            }
            if (terminal) {
                err.println();
            }
            return run.report().join();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
    }

    static String progress(LoadTestSnapshot s, LoadTestPlan plan) {
        String load = plan.workload() instanceof dev.scaledeck.engine.loadtest.Workload.Closed
                ? s.activeUsers() + " users" : Math.round(s.targetRate()) + "/s asked";
        return String.format(Locale.ROOT, "%4ds/%ds  %s  %6.0f req/s  p50 %5.0f ms  p99 %6.0f ms  errors %d  in flight %d   ",
                s.elapsed().toSeconds(), plan.duration().toSeconds(), load, s.requestsPerSecond(), nanToZero(s.p50Ms()),
                nanToZero(s.p99Ms()), s.errorCount(), s.inFlight());
    }

    /** The JSON result: requests, rps, latency in ms, errors by kind, thresholds with pass/fail, files. */
    static Map<String, Object> document(LoadTestReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", r.id());
        doc.put("target", r.plan().target().describe());
        doc.put("workload", r.plan().workload().describe());
        doc.put("state", r.state().name().toLowerCase(Locale.ROOT));
        r.problem().ifPresent(p -> doc.put("problem", p));
        doc.put("passed", r.passed());
        doc.put("requests", r.requests());
        doc.put("rps", round(r.requestsPerSecond()));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", round(r.latency().p50()));
        latency.put("p90", round(r.latency().p90()));
        latency.put("p95", round(r.latency().p95()));
        latency.put("p99", round(r.latency().p99()));
        latency.put("max", round(r.latency().max()));
        latency.put("mean", round(r.latency().mean()));
        doc.put("latencyMs", latency);
        Map<String, Object> errors = new LinkedHashMap<>();
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(errorId(kind), r.errors().getOrDefault(kind, 0L));
        }
        doc.put("errors", errors);
        doc.put("missedSends", r.missedSends());
        doc.put("poolWaits", r.poolWaits());
        doc.put("checks", Map.of("passed", r.checksPassed(), "failed", r.checksFailed()));
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (ThresholdResult t : r.thresholds()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threshold", t.threshold().text());
            row.put("actual", round(t.actual()));
            row.put("passed", t.passed());
            thresholds.add(row);
        }
        doc.put("thresholds", thresholds);
        if (!r.perInstance().isEmpty()) {
            doc.put("perInstance", new java.util.TreeMap<>(r.perInstance()));
        }
        r.directory().ifPresent(d -> doc.put("reports", Map.of("json", d.resolve("report.json").toString(),
                "csv", d.resolve("timeline.csv").toString(), "html", d.resolve("report.html").toString())));
        return doc;
    }

    private static void printText(PrintWriter out, LoadTestReport r) {
        out.printf(Locale.ROOT, "%s: %s, %s for %ds: %s%n", r.id(), r.plan().target().describe(),
                r.plan().workload().describe(), r.plan().duration().toSeconds(),
                r.state() == RunState.COMPLETED ? "completed" : r.state().name().toLowerCase(Locale.ROOT)
                        + r.problem().map(p -> " (" + p + ")").orElse(""));
        out.printf(Locale.ROOT, "  %d requests, %.1f req/s; latency p50 %.1f ms, p90 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                r.requests(), r.requestsPerSecond(), r.latency().p50(), r.latency().p90(), r.latency().p95(),
                r.latency().p99(), r.latency().max());
        StringBuilder errors = new StringBuilder();
        for (ErrorKind kind : ErrorKind.values()) {
            errors.append(' ').append(errorId(kind)).append(' ').append(r.errors().getOrDefault(kind, 0L));
        }
        out.println("  errors:" + errors + (r.missedSends() > 0 ? "; sent late " + r.missedSends() : "")
                + (r.poolWaits() > 0 ? "; pool waits " + r.poolWaits() : ""));
        if (!r.perInstance().isEmpty()) {
            StringBuilder shares = new StringBuilder("  per instance:");
            new java.util.TreeMap<>(r.perInstance()).forEach((id, n) -> shares.append(String.format(Locale.ROOT,
                    " %s %d (%.0f %%)", id, n, r.requests() == 0 ? 0.0 : 100.0 * n / r.requests())));
            out.println(shares);
        }
        for (ThresholdResult t : r.thresholds()) {
            out.printf(Locale.ROOT, "  %s %s (actual %.2f)%n", t.passed() ? "PASS" : "FAIL", t.threshold().text(), t.actual());
        }
        r.directory().ifPresent(d -> out.println("  report: " + d.resolve("report.html")));
        out.flush();
    }

    static String errorId(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT -> "timeout";
            case CONNECT -> "connect";
            case HTTP_4XX -> "4xx";
            case HTTP_5XX -> "5xx";
            case OTHER -> "other";
        };
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static Object round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
