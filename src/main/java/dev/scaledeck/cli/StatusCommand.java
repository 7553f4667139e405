package dev.scaledeck.cli;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.health.DatabasePing;
import dev.scaledeck.engine.pool.PoolStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code scaledeck status}: database, pool, instances and alerts, once. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the database, the connection pool, the instances and the active alerts.%n"
                + "Exit 0 when the database is reachable, 1 when it is not.")
public final class StatusCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        return withEngine((engine, config) -> {
            DatabasePing.Result ping = DatabasePing.ping(engine.pool().database(), Duration.ofSeconds(5));
            try {
                engine.instances().probeAll().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // Instances that did not answer in time are reported as they stand.
            }
            PrintWriter out = out();
            if (json) {
                OneShot.printJson(out, report(engine, config, ping));
            } else {
                printText(out, engine, config, ping);
                out.flush();
            }
            return ping.reachable() ? ExitCodes.OK : ExitCodes.PROBLEM;
        });
    }

    static Map<String, Object> report(ScalingEngine engine, ScalingConfig config, DatabasePing.Result ping) {
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("url", DatabaseUrl.maskPasswords(engine.pool().database().jdbcUrl()));
        database.put("user", engine.pool().database().user());
        database.put("embedded", config.embeddedDatabase());
        database.put("reachable", ping.reachable());
        if (ping.reachable()) {
            database.put("roundTripMs", ping.roundTrip().toMillis());
        } else {
            database.put("error", ping.message());
        }
        PoolStats p = engine.pool().stats();
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("min", p.min());
        pool.put("max", p.max());
        pool.put("active", p.active());
        pool.put("idle", p.idle());
        pool.put("total", p.total());
        pool.put("waiting", p.waiting());
        pool.put("acquireTimeouts", p.acquireTimeouts());
        List<Map<String, Object>> instances = new ArrayList<>();
        for (InstanceStatus s : engine.instances().snapshot()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("id", s.id());
            i.put("url", s.spec().url().toString());
            i.put("weight", s.spec().weight());
            i.put("state", s.state().name());
            i.put("reason", s.reason());
            instances.add(i);
        }
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Alert a : engine.alerts().active()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", a.key());
            m.put("severity", a.severity().name());
            m.put("source", a.source());
            m.put("message", a.message());
            m.put("raisedAt", a.raisedAt().toString());
            alerts.add(m);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("database", database);
        report.put("pool", pool);
        report.put("instances", instances);
        report.put("alerts", alerts);
        return report;
    }

    private static void printText(PrintWriter out, ScalingEngine engine, ScalingConfig config, DatabasePing.Result ping) {
        PoolStats p = engine.pool().stats();
        out.printf("Database   %s (%s, %s)%n", engine.pool().maskedUrl(),
                config.embeddedDatabase() ? "embedded" : "external",
                ping.reachable() ? "reachable" : "NOT REACHABLE: " + ping.message());
        out.printf("Pool       %d active, %d idle, %d total (min %d, max %d), %d waiting%n",
                p.active(), p.idle(), p.total(), p.min(), p.max(), p.waiting());
        List<InstanceStatus> instances = engine.instances().snapshot();
        long up = instances.stream().filter(s -> s.state() == InstanceState.UP).count();
        out.printf("Instances  %d of %d up%n", up, instances.size());
        for (InstanceStatus s : instances) {
            out.printf("  %-12s %-28s weight %-3d %-7s %s%n", s.id(), s.spec().url(), s.spec().weight(),
                    s.state(), s.reason());
        }
        List<Alert> alerts = engine.alerts().active();
        out.printf("Alerts     %s%n", alerts.isEmpty() ? "none" : alerts.size() + " active");
        for (Alert a : alerts) {
            out.printf("  [%s] %s%n", a.severity(), a.message());
        }
    }
}
