package dev.scaledeck.cli;

import dev.scaledeck.embedded.EnvironmentLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.loadtest.LoadTestRun;
import dev.scaledeck.engine.metrics.MetricsEndpointException;
import dev.scaledeck.engine.metrics.MetricsLauncher;
import dev.scaledeck.engine.recovery.RecoveryRun;
import dev.scaledeck.engine.recovery.RunbookProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code scaledeck serve}: the engine without a window, until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the engine without a window until SIGTERM or SIGINT (Ctrl-C): health checks, the "
                + "auto-scaler, backup schedules, disaster detection and, on the embedded environment, its light "
                + "sample traffic, as the window does. With --metrics-port, Prometheus metrics at "
                + "http://127.0.0.1:PORT/metrics.%n"
                + "On SIGTERM it stops gracefully (a recovery run under way is cancelled and journaled, the pool "
                + "drains) and exits 0; 1 when the engine cannot start, 2 for usage and configuration errors "
                + "(a metrics port in use).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** How long a shutdown hook waits for the stop (SIGHUP, System.exit): the pool's drain and the run's journal fit. */
    private static final long HOOK_WAIT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaleDeckCommand root;

    @Mixin
    CommonOptions common;

    @Mixin
    MetricsPortOption metricsPort;

    @Override
    public Integer call() throws Exception {
        ScalingConfig config = metricsPort.applyTo(common.load(root.env()));
        Logging.configure(config, false);
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignals stop = StopSignals.install(HOOK_WAIT_SECONDS)) {
            LaunchedEngine launched;
            try {
                launched = MetricsLauncher.around(new EnvironmentLauncher(config, true, Clock.systemUTC()), config.metrics())
                        .launch(step -> LOG.info("{}", step));
            } catch (MetricsEndpointException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("scaledeck: " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            ScalingEngine engine = launched.engine();
            Optional<String> run;
            try (launched) {
                out.println("ScaleDeck serving: engine on " + launched.description() + "; "
                        + (config.metrics().enabled() ? "metrics at " + config.metrics().url()
                        : "metrics off (--metrics-port P serves them)") + ". SIGTERM or Ctrl-C stops it.");
                out.flush();
                String why = awaitStop(stop);
                List<String> interrupted = interrupted(engine);
                LOG.info("Stopping on {}{}", why, interrupted.isEmpty() ? "; nothing was under way"
                        : ": " + String.join("; ", interrupted));
                run = engine.recovery().current().map(RecoveryRun::id);
            }
            run.ifPresent(id -> logJournaled(engine, id));
            LOG.info("ScaleDeck stopped");
        }
        return ExitCodes.OK;
    }

    private static String awaitStop(StopSignals stop) {
        try {
            return stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "an interrupt";
        }
    }

    /** What the stop cuts short, for the log: a recovery run, load tests. */
    private static List<String> interrupted(ScalingEngine engine) {
        List<String> cut = new ArrayList<>();
        engine.recovery().current().ifPresent(r -> {
            RunbookProgress p = r.progress();
            cut.add("recovery run " + p.runId() + " (" + p.planName() + ", " + p.mode().label()
                    + ") is cancelled and journaled");
        });
        for (LoadTestRun t : engine.loadTester().running()) {
            cut.add("load test " + t.id() + " is stopped (its report is written, marked stopped)");
        }
        return cut;
    }

    /** The run as its journal holds it once the engine has stopped. */
    private static void logJournaled(ScalingEngine engine, String runId) {
        try {
            engine.recovery().history().stream().filter(r -> r.runId().equals(runId)).findFirst().ifPresentOrElse(
                    r -> LOG.info("Recovery run {} is journaled as {}: {}", runId, r.state(), r.summary()),
                    () -> LOG.warn("Recovery run {} is not in the recovery journal", runId));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read recovery run {} back from its journal: {}", runId, e.getMessage());
        }
    }
}
