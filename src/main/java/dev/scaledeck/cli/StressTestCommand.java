package dev.scaledeck.cli;

import dev.scaledeck.engine.util.Numbers;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.RequestSpec;
import dev.scaledeck.engine.loadtest.RunState;
import dev.scaledeck.engine.loadtest.StressPlan;
import dev.scaledeck.engine.loadtest.StressReport;
import dev.scaledeck.engine.loadtest.StressTester;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code scaledeck stress-test}: load in steps until the system breaks. */
@Command(name = "stress-test", mixinStandardHelpOptions = true,
        description = "Raise the load in steps (users, or --by-rate arrivals per second) until the system breaks: "
                + "error rate above --max-error-rate, p99 above --p99-limit, or throughput no longer rising. "
                + "Reports the highest load that held and why the next step broke.%n"
                + "Exit 0 when the stress test ran, 1 when it could not, 2 for usage errors.")
public final class StressTestCommand extends EngineCommand {

    static final class Target {
        @Option(names = "--url", paramLabel = "URL", description = "Send to this URL.")
        String url;

        @Option(names = "--cluster", description = "Send to the application's instances through the load balancer.")
        boolean cluster;
    }

    @ParentCommand
    ScaleDeckCommand root;

    @ArgGroup(multiplicity = "1")
    Target target;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/api/projects?user=1",
            description = "With --cluster: what each request asks for (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--by-rate", description = "Steps of arrivals per second instead of users.")
    boolean byRate;

    @Option(names = "--start", paramLabel = "N", defaultValue = "10", description = "The first step (default ${DEFAULT-VALUE}).")
    double start;

    @Option(names = "--step", paramLabel = "N", defaultValue = "10", description = "Added per step (default ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Steps at most (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--step-duration", paramLabel = "D", defaultValue = "10s",
            description = "Each step's length (default ${DEFAULT-VALUE}).")
    String stepDuration;

    @Option(names = "--p99-limit", paramLabel = "D", defaultValue = "2s",
            description = "A step with a higher p99 broke the system (default ${DEFAULT-VALUE}).")
    String p99Limit;

    @Option(names = "--max-error-rate", paramLabel = "PERCENT", defaultValue = "10",
            description = "A step with more failed requests broke the system (default ${DEFAULT-VALUE} %%).")
    double maxErrorRate;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        StressPlan plan;
        try {
            LoadTarget t = target.url != null ? new LoadTarget.Url(URI.create(target.url)) : new LoadTarget.Cluster(path);
            plan = new StressPlan(target.url != null ? "stress-url" : "stress-cluster", t, RequestSpec.get(), byRate,
                    start, step, steps, LoadTestOptions.duration("--step-duration", stepDuration),
                    LoadTestOptions.duration("--p99-limit", p99Limit),
                    maxErrorRate, 5);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return withEngine((engine, config) -> {
            if (plan.target() instanceof LoadTarget.Cluster) {
                engine.probeInstances().get(5, TimeUnit.SECONDS);
            }
            StressTester.StressRun run = engine.stressTester().start(plan);
            Thread stopOnCtrlC = new Thread(() -> {
                run.stop();
                run.report().join();
            }, "scaledeck-stress-test-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            int shown = 0;
            while (!run.report().isDone()) {
                List<StressReport.Step> done = run.steps();
                for (; shown < done.size() && !json; shown++) {
                    out().println(stepLine(plan, done.get(shown)));
                    out().flush();
                }
                try {
                    run.report().get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // next look at the steps
                }
            }
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
            StressReport report = run.report().join();
            PrintWriter out = out();
            if (json) {
                OneShot.printJson(out, document(report));
            } else {
                for (; shown < report.steps().size(); shown++) {
                    out.println(stepLine(plan, report.steps().get(shown)));
                }
                out.println(report.summary());
                out.flush();
            }
            return report.state() == RunState.FAILED ? ExitCodes.PROBLEM : ExitCodes.OK;
        });
    }

    private static String stepLine(StressPlan plan, StressReport.Step s) {
        return String.format(Locale.ROOT, "  %s %s: %.0f req/s, p99 %.0f ms, errors %.1f %% %s", Numbers.plain(s.load()),
                plan.unit(), s.requestsPerSecond(), s.p99Ms(), s.errorRatePercent(), s.held() ? "held" : "BROKE");
    }

    static Map<String, Object> document(StressReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("state", r.state().name().toLowerCase(Locale.ROOT));
        doc.put("unit", r.plan().unit());
        doc.put("summary", r.summary());
        r.highestHeld().ifPresent(s -> doc.put("highestSustainable", Map.of("load", s.load(),
                "rps", LoadTestCommand.round(s.requestsPerSecond()))));
        r.brokeAt().ifPresent(s -> doc.put("brokeAt", Map.of("load", s.load(), "reason", r.breakingReason().orElse(""))));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StressReport.Step s : r.steps()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("load", s.load());
            row.put("rps", LoadTestCommand.round(s.requestsPerSecond()));
            row.put("p99Ms", LoadTestCommand.round(s.p99Ms()));
            row.put("errorRatePercent", LoadTestCommand.round(s.errorRatePercent()));
            row.put("held", s.held());
            row.put("report", s.report().id());
            steps.add(row);
        }
        doc.put("steps", steps);
        return doc;
    }

}
