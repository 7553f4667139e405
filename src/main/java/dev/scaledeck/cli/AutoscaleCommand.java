package dev.scaledeck.cli;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.scaling.AutoScaler;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code scaledeck autoscale}: runs the auto-scaler in the foreground, or evaluates once. */
@Command(name = "autoscale", mixinStandardHelpOptions = true,
        description = "Run the auto-scaler: every scaling.interval it reads the instances' metrics, decides and "
                + "(unless --dry-run) applies, printing each decision with its reason, until stopped (Ctrl-C).%n"
                + "With --once: one evaluation, then exit. With --json: one JSON document per decision "
                + "(one line each when running on).%n"
                + "Exit 0 when every decision could be carried out, 1 when a platform call failed.")
public final class AutoscaleCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Option(names = "--once", description = "Evaluate once and exit.")
    boolean once;

    @Option(names = "--dry-run", description = "Decide and explain, but change nothing (recommend mode).")
    boolean dryRun;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
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
