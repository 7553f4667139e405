package dev.scaledeck.engine.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.json}: the whole report as one JSON document, laid out as below. Numbers that
 * were not measured are {@code null}; instants are ISO-8601 UTC; latencies milliseconds; rates
 * percent; passwords and tokens in the target and the problem are masked. {@code format} lets
 * a later ScaleDeck tell the layout. Stateless; thread-safe.
 *
 * <pre>
 * { "format": 1, "id", "name", "started", "ended", "elapsedSeconds", "state" (completed|stopped|aborted|failed),
 *   "problem" (text or null), "passed",
 *   "plan": { "name", "target" (masked), "targetKind" (url|cluster|sql), "workload", "workloadKind"
 *             (closed|constant-rate|ramping-rate), "durationSeconds", "request": { "method", "timeoutMs",
 *             "headers" (names only) }, "checks": [text], "thresholds": [text], "abortOnFail" },
 *   "requests", "rps", "latencyMs": { "p50", "p90", "p95", "p99", "max", "mean" },
 *   "errors": { "timeout", "connect", "4xx", "5xx", "other" }, "errorCount", "errorRatePercent", "missedSends", "poolWaits",
 *   "checks": { "passed", "failed", "passedPercent" },
 *   "thresholds": [ { "threshold", "metric", "comparison", "limit", "actual", "passed" } ],
 *   "perInstance": { instance: requests },
 *   "timeline": [ { "elapsedSeconds", "at", "state", "requests", "rps", "p50Ms", "p90Ms", "p99Ms", "maxMs",
 *                   "errors": {...}, "errorCount", "inFlight", "activeUsers", "targetRate", "missedSends",
 *                   "checksPassed", "checksFailed", "perInstance": {...} } ] }
 * </pre>
 */
final class ReportJson {

    static final int FORMAT = 1;

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The document, pretty-printed. */
    static String text(LoadTestReport report) throws JsonProcessingException {
        return MAPPER.writeValueAsString(tree(report));
    }

    static ObjectNode tree(LoadTestReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", report.id());
        root.put("name", report.plan().name());
        root.put("started", report.started().toString());
        root.put("ended", report.ended().toString());
        number(root, "elapsedSeconds", (report.ended().toEpochMilli() - report.started().toEpochMilli()) / 1000.0);
        root.put("state", state(report.state()));
        root.put("problem", report.problem().map(ReportText::masked).orElse(null));
        root.put("passed", report.passed());
        root.set("plan", plan(report.plan()));
        root.put("requests", report.requests());
        number(root, "rps", report.requestsPerSecond());
        root.set("latencyMs", latency(report.latency()));
        root.set("errors", errors(report.errors()));
        root.put("errorCount", report.errorCount());
        number(root, "errorRatePercent", ReportText.errorRate(report));
        root.put("missedSends", report.missedSends());
        root.put("poolWaits", report.poolWaits());
        ObjectNode checks = root.putObject("checks");
        checks.put("passed", report.checksPassed());
        checks.put("failed", report.checksFailed());
        number(checks, "passedPercent", ReportText.checkRate(report));
        ArrayNode thresholds = root.putArray("thresholds");
        report.thresholds().forEach(t -> thresholds.add(threshold(t)));
        root.set("perInstance", counts(report.perInstance()));
        ArrayNode timeline = root.putArray("timeline");
        report.timeline().forEach(s -> timeline.add(snapshot(s)));
        return root;
    }

    /** {@code completed}, {@code stopped}, ...: how the files spell a state. */
    static String state(RunState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode plan(LoadTestPlan plan) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", plan.name());
        node.put("target", ReportText.masked(plan.target().describe()));
        node.put("targetKind", plan.target() instanceof LoadTarget.Url ? "url"
                : plan.target() instanceof LoadTarget.Cluster ? "cluster" : "sql");
        node.put("workload", plan.workload().describe());
        node.put("workloadKind", plan.workload() instanceof Workload.Closed ? "closed"
                : plan.workload() instanceof Workload.ConstantRate ? "constant-rate" : "ramping-rate");
        number(node, "durationSeconds", plan.duration().toMillis() / 1000.0);
        ObjectNode request = node.putObject("request");
        request.put("method", plan.request().method());
        request.put("timeoutMs", plan.request().timeout().toMillis());
        ArrayNode headers = request.putArray("headers");
        new TreeMap<>(plan.request().headers()).keySet().forEach(headers::add);
        ArrayNode checks = node.putArray("checks");
        plan.checks().forEach(c -> checks.add(c.text()));
        ArrayNode thresholds = node.putArray("thresholds");
        plan.thresholds().forEach(t -> thresholds.add(t.text()));
        node.put("abortOnFail", plan.abortOnFail());
        return node;
    }

    private static ObjectNode latency(LoadTestReport.Latency latency) {
        ObjectNode node = MAPPER.createObjectNode();
        number(node, "p50", latency.p50());
        number(node, "p90", latency.p90());
        number(node, "p95", latency.p95());
        number(node, "p99", latency.p99());
        number(node, "max", latency.max());
        number(node, "mean", latency.mean());
        return node;
    }

    private static ObjectNode threshold(ThresholdResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        Threshold t = result.threshold();
        node.put("threshold", t.text());
        node.put("metric", t.metric().name().toLowerCase(Locale.ROOT));
        node.put("comparison", t.comparison().symbol());
        number(node, "limit", t.limit());
        number(node, "actual", result.actual());
        node.put("passed", result.passed());
        return node;
    }

    private static ObjectNode snapshot(LoadTestSnapshot s) {
        ObjectNode node = MAPPER.createObjectNode();
        number(node, "elapsedSeconds", s.elapsed().toMillis() / 1000.0);
        node.put("at", s.at().toString());
        node.put("state", state(s.state()));
        node.put("requests", s.requests());
        number(node, "rps", s.requestsPerSecond());
        number(node, "p50Ms", s.p50Ms());
        number(node, "p90Ms", s.p90Ms());
        number(node, "p99Ms", s.p99Ms());
        number(node, "maxMs", s.maxMs());
        node.set("errors", errors(s.errors()));
        node.put("errorCount", s.errorCount());
        node.put("inFlight", s.inFlight());
        node.put("activeUsers", s.activeUsers());
        number(node, "targetRate", s.targetRate());
        node.put("missedSends", s.missedSends());
        node.put("checksPassed", s.checksPassed());
        node.put("checksFailed", s.checksFailed());
        node.set("perInstance", counts(s.perInstance()));
        return node;
    }

    /** Every kind, zeros included, so a reader never has to guess whether a kind was counted. */
    private static ObjectNode errors(Map<ErrorKind, Long> errors) {
        ObjectNode node = MAPPER.createObjectNode();
        for (ErrorKind kind : ErrorKind.values()) {
            node.put(ReportText.id(kind), errors.getOrDefault(kind, 0L));
        }
        return node;
    }

    private static ObjectNode counts(Map<String, Long> counts) {
        ObjectNode node = MAPPER.createObjectNode();
        new TreeMap<>(counts).forEach(node::put);
        return node;
    }

    /** NaN and infinities are not JSON: they are written as null ("not measured"). */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
