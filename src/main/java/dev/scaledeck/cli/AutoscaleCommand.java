package dev.scaledeck.cli;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.scaling.AutoScaler;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import dev.scaledeck.engine.scaling.MetricsSeries;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.WhatIfReplay;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code scaledeck autoscale}: runs the auto-scaler in the foreground, or evaluates once. */
@Command(name = "autoscale", mixinStandardHelpOptions = true,
        description = "Run the auto-scaler: every scaling.interval it reads the instances' metrics, decides and "
                + "(unless --dry-run) applies, printing each decision with its reason, until stopped (Ctrl-C).%n"
                + "With --once: one evaluation, then exit. With --json: one JSON document per decision "
                + "(one line each when running on).%n"
                + "With --replay FILE: what the configured policy would have done with a recorded metrics series "
                + "(CSV: time and any of cpu, memory, connections, response-time, replicas; or a load test's "
                + "timeline), touching no platform.%n"
                + "Exit 0 when every decision could be carried out, 1 when a platform call failed.")
public final class AutoscaleCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Option(names = "--once", description = "Evaluate once and exit.")
    boolean once;

    @Option(names = "--dry-run", description = "Decide and explain, but change nothing (recommend mode).")
    boolean dryRun;

    @Option(names = "--replay", paramLabel = "CSV", description = "Replay a recorded metrics series through the "
            + "policy and print the replica curve it would have produced; starts no engine.")
    Path replay;

    @Option(names = "--start", paramLabel = "N", description = "With --replay: the replicas to start from "
            + "(default: the first row's replicas).")
    Integer start;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        if (replay != null) {
            return replay();
        }
        return withEngine((engine, config) -> {
            AutoScaler scaler = engine.autoScaler();
            if (dryRun) {
                scaler.setMode(ScalingMode.RECOMMEND);
            }
            String platform = engine.platform().map(p -> p.name()).orElse("none");
            if (once) {
                awaitFirstMetrics(engine);
                ScalingDecision d = scaler.evaluateNow();
                print(d, platform, true);
                return failed(engine) ? ExitCodes.PROBLEM : ExitCodes.OK;
            }
            if (!json) {
                out().println("Auto-scaler on " + platform + " (" + scaler.policy().describe() + "), "
                        + scaler.mode().id() + " mode, every " + dev.scaledeck.engine.config.Durations.human(
                        scaler.interval()) + ". Ctrl-C stops.");
                out().flush();
            }
            return runUntilStopped(engine, platform);
        });
    }

    private int replay() throws Exception {
        if (once || dryRun) {
            throw new ParameterException(spec.commandLine(), "--replay touches no platform; --once and --dry-run do not go with it");
        }
        if (start != null && start < 1) {
            throw new ParameterException(spec.commandLine(), "--start must be at least 1, but was " + start);
        }
        ScalingConfig config = common.load(root.env());
        Logging.configure(config, true);
        ScalingRules rules = config.autoScaling().rules();
        MetricsSeries series;
        try {
            series = MetricsSeries.readCsv(replay, 1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--replay: no such file: " + replay);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--replay: " + e.getMessage());
        }
        WhatIfReplay.Result result = start == null ? WhatIfReplay.replay(rules, series)
                : WhatIfReplay.replay(rules, series, start);
        PrintWriter out = out();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("policy", rules.toPolicy().describe());
            doc.put("points", result.steps().size());
            doc.put("changes", result.changes());
            doc.put("peak", result.peak());
            doc.put("fewest", result.fewest());
            doc.put("instanceHours", Math.round(result.instanceHours() * 1000) / 1000.0);
            doc.put("recordedInstanceHours", Math.round(result.recordedInstanceHours() * 1000) / 1000.0);
            List<Map<String, Object>> steps = new ArrayList<>();
            for (WhatIfReplay.Step s : result.steps()) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("offsetSeconds", s.offset().toMillis() / 1000.0);
                step.put("recordedReplicas", s.recordedReplicas());
                step.put("replicas", s.replicas());
                step.put("action", s.decision().action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                step.put("reason", s.decision().reason());
                steps.add(step);
            }
            doc.put("steps", steps);
            OneShot.printJson(out, doc);
            return ExitCodes.OK;
        }
        out.println("Replaying " + replay + " (" + series.points().size() + " points over "
                + dev.scaledeck.engine.config.Durations.human(series.duration()) + ") through " + rules.toPolicy().describe());
        for (WhatIfReplay.Step s : result.steps()) {
            if (s.decision().changes()) {
                out.printf(java.util.Locale.ROOT, "%8s  %d -> %d  %s%n", dev.scaledeck.engine.config.Durations.human(
                        s.offset()), s.decision().current(), s.replicas(), s.decision().reason());
            }
        }
        out.printf(java.util.Locale.ROOT, "%d changes, %d to %d instances, %.2f instance-hours (recorded: %.2f)%n",
                result.changes(), result.fewest(), result.peak(), result.instanceHours(), result.recordedInstanceHours());
        out.flush();
        return ExitCodes.OK;
    }

    private int runUntilStopped(ScalingEngine engine, String platform) throws Exception {
        AutoScaler scaler = engine.autoScaler();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scaledeck-autoscale-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean anyFailed = false;
        ScalingDecision shown = null;
        try {
            scaler.start();
            while (!Thread.currentThread().isInterrupted()) {
                ScalingDecision latest = scaler.lastDecision().orElse(null);
                if (latest != null && latest != shown) {
                    print(latest, platform, false);
                    shown = latest;
                    anyFailed |= failed(engine);
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            // Ctrl-C: fall through to a clean stop.
        } finally {
            scaler.close();
            stopped.countDown();
        }
        return anyFailed ? ExitCodes.PROBLEM : ExitCodes.OK;
    }

    private void print(ScalingDecision d, String platform, boolean document) throws Exception {
        PrintWriter out = out();
        if (json && document) {
            OneShot.printJson(out, DecisionJson.of(d, platform));
        } else if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(DecisionJson.of(d, platform)));
        } else {
            out.println(DecisionJson.line(d));
        }
        out.flush();
    }

    private static boolean failed(ScalingEngine engine) {
        return engine.alerts().isActive("scaling.platform");
    }

    /** The instance monitor's first scrape, so a single evaluation has metrics to decide on. */
    private static void awaitFirstMetrics(ScalingEngine engine) throws Exception {
        try {
            engine.instances().probeAll().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Instances that did not answer in time are left out, as in any evaluation.
        }
    }
}
