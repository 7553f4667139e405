package dev.scaledeck.engine.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as JSON: what its journal file holds and what {@code scaledeck dr run --json} prints.
 * Durations are in milliseconds ({@code rtoMs}) and as text ({@code rto}).
 */
public final class RunJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {
    }

    public static ObjectNode toJson(RunbookProgress run) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("runId", run.runId());
        n.put("planId", run.planId());
        n.put("planName", run.planName());
        n.put("mode", run.mode().label());
        n.put("state", run.state().name());
        n.put("succeeded", run.succeeded());
        n.put("who", run.who());
        n.put("started", run.started().toString());
        run.finished().ifPresent(f -> n.put("finished", f.toString()));
        n.put("summary", run.summary());
        ObjectNode params = n.putObject("parameters");
        run.parameters().forEach(params::put);
        ArrayNode steps = n.putArray("steps");
        for (StepProgress s : run.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("index", s.index());
            sn.put("name", s.name());
            sn.put("type", s.type());
            sn.put("description", s.description());
            sn.put("compensation", s.compensation());
            sn.put("state", s.state().name());
            s.started().ifPresent(t -> sn.put("started", t.toString()));
            s.finished().ifPresent(t -> sn.put("finished", t.toString()));
            sn.put("attempts", s.attempts());
            ArrayNode out = sn.putArray("output");
            s.output().forEach(out::add);
        }
        run.measured().ifPresent(m -> {
            ObjectNode mn = n.putObject("measured");
            mn.put("fault", m.fault().yaml());
            mn.put("faultAt", m.faultAt().toString());
            m.detectedAt().ifPresent(d -> mn.put("detectedAt", d.toString()));
            mn.put("recoveredAt", m.recoveredAt().toString());
            mn.put("rtoMs", m.rto().toMillis());
            mn.put("rto", dev.scaledeck.engine.config.Durations.measured(m.rto()));
            mn.put("rtoTargetMs", m.rtoTarget().toMillis());
            mn.put("rtoMet", m.rtoMet());
            mn.put("rpoMs", m.rpo().toMillis());
            mn.put("rpo", dev.scaledeck.engine.config.Durations.measured(m.rpo()));
            mn.put("rpoTargetMs", m.rpoTarget().toMillis());
            mn.put("rpoMet", m.rpoMet());
            mn.put("rpoBasis", m.rpoBasis());
        });
        return n;
    }

    public static String write(RunbookProgress run) {
        try {
            return MAPPER.writeValueAsString(toJson(run));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write run " + run.runId() + " as JSON", e);
        }
    }

    /** Reads what {@link #toJson} wrote. @throws IOException naming what is missing or malformed */
    public static RunbookProgress read(JsonNode n) throws IOException {
        try {
            List<StepProgress> steps = new ArrayList<>();
            for (JsonNode s : n.path("steps")) {
                List<String> output = new ArrayList<>();
                s.path("output").forEach(o -> output.add(o.asText()));
                steps.add(new StepProgress(s.path("index").asInt(), text(s, "name"), text(s, "type"),
                        s.path("description").asText(""), s.path("compensation").asBoolean(),
                        StepState.valueOf(text(s, "state")), instant(s, "started"), instant(s, "finished"),
                        s.path("attempts").asInt(), output));
            }
            Map<String, String> params = new LinkedHashMap<>();
            n.path("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Optional<DrillMeasurement> measured = Optional.empty();
            JsonNode m = n.get("measured");
            if (m != null && m.isObject()) {
                DrillFault fault = java.util.Arrays.stream(DrillFault.values())
                        .filter(f -> f.yaml().equals(m.path("fault").asText())).findFirst()
                        .orElseThrow(() -> new IOException("unknown fault " + m.path("fault").asText()));
                measured = Optional.of(new DrillMeasurement(fault, instant(m, "faultAt").orElseThrow(),
                        instant(m, "detectedAt"), instant(m, "recoveredAt").orElseThrow(),
                        Duration.ofMillis(m.path("rtoMs").asLong()), Duration.ofMillis(m.path("rpoMs").asLong()),
                        m.path("rpoBasis").asText(""), Duration.ofMillis(m.path("rtoTargetMs").asLong()),
                        Duration.ofMillis(m.path("rpoTargetMs").asLong())));
            }
            return new RunbookProgress(text(n, "runId"), text(n, "planId"), n.path("planName").asText(""),
                    RunMode.parse(text(n, "mode")), params, RunState.valueOf(text(n, "state")),
                    instant(n, "started").orElseThrow(() -> new IOException("no started time")), instant(n, "finished"),
                    steps, n.path("summary").asText(""), measured, n.path("who").asText(""));
        } catch (IllegalArgumentException | java.util.NoSuchElementException | java.time.DateTimeException e) {
            throw new IOException("not a runbook run: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("field " + field + " is missing");
        }
        return v.asText();
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(Instant.parse(v.asText()));
    }
}
