package dev.scaledeck.cli;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.loadtest.Check;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.RequestSpec;
import dev.scaledeck.engine.loadtest.Threshold;
import dev.scaledeck.engine.loadtest.Workload;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code load-test} and how they become a {@link LoadTestPlan}: every bad value
 * is an {@link IllegalArgumentException} that names the option, the value and what is allowed.
 */
final class LoadTestOptions {

    static final class Target {
        @Option(names = "--url", paramLabel = "URL", description = "Send to this URL.")
        String url;

        @Option(names = "--cluster", description = "Send to the application's instances through the load balancer.")
        boolean cluster;

        @Option(names = "--sql", paramLabel = "SQL", description = "Run this statement through the connection pool.")
        String sql;
    }

    @ArgGroup(multiplicity = "1")
    Target target;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/api/projects?user=1",
            description = "With --cluster: what each request asks for (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", description = "Virtual users (closed model; default 10).")
    Integer users;

    @Option(names = "--ramp-up", paramLabel = "D", description = "Users start evenly over this long (default 0s).")
    String rampUp;

    @Option(names = "--think-time", paramLabel = "D", description = "Pause between a user's answer and its next request.")
    String thinkTime;

    @Option(names = "--rate", paramLabel = "R/s", description = "Open model: arrivals per second, e.g. 200 or 200/s.")
    String rate;

    @Option(names = "--rate-to", paramLabel = "R/s", description = "Open model: ramp the rate from --rate to this.")
    String rateTo;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "100",
            description = "Open model: requests in flight at most (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-d", "--duration"}, paramLabel = "D", defaultValue = "30s",
            description = "How long the test runs, ramp-up included (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "HTTP method.")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "A request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", paramLabel = "TEXT", description = "The request body.")
    String body;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "10s", description = "Per request (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--check", paramLabel = "EXPR", description = "A check on each answer: status==200 or body~text (repeatable).")
    List<String> checks = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "EXPR",
            description = "A pass/fail rule: p95<500ms, p99<1s, error_rate<1%, checks>99%, rps>100 (repeatable).")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--abort-on-fail", description = "Stop early when a threshold is clearly lost.")
    boolean abortOnFail;

    @Option(names = "--name", paramLabel = "NAME", description = "The run's name in reports (default: from the target).")
    String name;

    /** The plan these options describe. */
    LoadTestPlan plan() {
        LoadTarget loadTarget = target();
        Duration length = duration("--duration", duration);
        Workload workload = workload();
        Map<String, String> headerMap = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--header '" + h + "' is not valid: write it as 'Name: value'");
            }
            headerMap.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        RequestSpec request;
        try {
            request = new RequestSpec(method, headerMap, body, duration("--timeout", timeout));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--method/--timeout: " + e.getMessage());
        }
        List<Check> checkList = new ArrayList<>();
        for (String c : checks) {
            checkList.add(parse("--check", () -> Check.parse(c)));
        }
        List<Threshold> thresholdList = new ArrayList<>();
        for (String t : thresholds) {
            thresholdList.add(parse("--threshold", () -> Threshold.parse(t)));
        }
        String runName = name != null && !name.isBlank() ? name : defaultName(loadTarget, workload);
        return parse("load test", () -> new LoadTestPlan(runName, loadTarget, workload, length, request, checkList,
                thresholdList, abortOnFail));
    }

    private LoadTarget target() {
        if (target.url != null) {
            URI uri;
            try {
                uri = new URI(target.url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--url '" + target.url + "' is not a URL: " + e.getReason());
            }
            return parse("--url", () -> new LoadTarget.Url(uri));
        }
        if (target.sql != null) {
            return parse("--sql", () -> new LoadTarget.Sql(target.sql));
        }
        return parse("--path", () -> new LoadTarget.Cluster(path));
    }

    private Workload workload() {
        if (rate != null) {
            if (users != null || rampUp != null || thinkTime != null) {
                throw new IllegalArgumentException("--rate (open model) does not go with --concurrency, --ramp-up or "
                        + "--think-time (closed model); choose one");
            }
            double from = rate("--rate", rate);
            if (rateTo == null) {
                return parse("--rate", () -> new Workload.ConstantRate(from, connections));
            }
            double to = rate("--rate-to", rateTo);
            return parse("--rate-to", () -> new Workload.RampingRate(from, to, connections));
        }
        if (rateTo != null) {
            throw new IllegalArgumentException("--rate-to needs --rate (the rate to start from)");
        }
        int n = users == null ? 10 : users;
        Duration ramp = rampUp == null ? Duration.ZERO : duration("--ramp-up", rampUp);
        Duration think = thinkTime == null ? Duration.ZERO : duration("--think-time", thinkTime);
        return parse("--concurrency", () -> new Workload.Closed(n, ramp, think));
    }

    private static double rate(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2).trim();
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a rate: write requests per second, "
                    + "e.g. 200 or 200/s");
        }
    }

    /** A duration option's value; the message names the option, the text and what is allowed. */
    static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not valid: " + Durations.ALLOWED);
        }
    }

    private static String defaultName(LoadTarget t, Workload w) {
        String where = t instanceof LoadTarget.Url ? "url" : t instanceof LoadTarget.Cluster ? "cluster" : "sql";
        String how = w instanceof Workload.Closed c ? c.users() + "-users"
                : w instanceof Workload.ConstantRate r ? Math.round(r.perSecond()) + "-rps"
                : "ramp";
        return where + "-" + how;
    }

    /** Runs a constructor or parser, putting the option in front of its message. */
    private static <T> T parse(String option, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
