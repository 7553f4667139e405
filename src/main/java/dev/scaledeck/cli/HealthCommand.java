package dev.scaledeck.cli;

import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.health.HealthReport;
import dev.scaledeck.engine.health.HealthResult;
import dev.scaledeck.engine.health.HealthStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code scaledeck health}: run every health check once. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Run the health checks once: database (connectivity and round trip), memory, disk space of "
                + "the data directory, and the external services named in configuration.%n"
                + "Exit 0 when UP, 1 when DEGRADED or DOWN.")
public final class HealthCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        return withEngine((engine, config) -> {
            HealthReport report = engine.health().checkNow();
            PrintWriter out = out();
            if (json) {
                OneShot.printJson(out, toJson(report, engine.failovers()));
            } else {
                out.printf("Health     %s%n", report.status());
                for (HealthResult r : report.checks().values()) {
                    out.printf("  %-10s %-9s %6d ms  %s%n", r.check(), r.status(), r.latency().toMillis(), r.message());
                }
                for (FailoverSnapshot f : engine.failovers()) {
                    out.printf("Failover   %s: %s on %s (%s) since %s%n", f.name(), f.state(), f.active(),
                            f.activeEndpoint(), f.since());
                }
                out.flush();
            }
            return report.status() == HealthStatus.UP ? ExitCodes.OK : ExitCodes.PROBLEM;
        });
    }

    static Map<String, Object> toJson(HealthReport report, List<FailoverSnapshot> failovers) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthResult r : report.checks().values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", r.check());
            c.put("status", r.status().name());
            c.put("message", r.message());
            c.put("latencyMs", r.latency().toMillis());
            c.put("time", r.time().toString());
            checks.add(c);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", report.status().name());
        json.put("time", report.time().toString());
        json.put("checks", checks);
        List<Map<String, Object>> switches = new ArrayList<>();
        for (FailoverSnapshot f : failovers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("state", f.state().name());
            m.put("active", f.active().name());
            m.put("activeEndpoint", f.activeEndpoint());
            m.put("since", f.since().toString());
            m.put("failovers", f.failovers());
            m.put("failbacks", f.failbacks());
            switches.add(m);
        }
        json.put("failovers", switches);
        return json;
    }
}
