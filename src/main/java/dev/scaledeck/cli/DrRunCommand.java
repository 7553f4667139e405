package dev.scaledeck.cli;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.recovery.Approver;
import dev.scaledeck.engine.recovery.PlanLoader;
import dev.scaledeck.engine.recovery.RecoveryCenter;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RecoveryRun;
import dev.scaledeck.engine.recovery.RunJson;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunbookProgress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** {@code scaledeck dr run PLAN}: one run of a plan, shown step by step, with a drill's RTO and RPO. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a recovery plan in one of three modes:%n"
                + "  --dry-run  list every step with its placeholders filled; nothing changes%n"
                + "  --drill    inject the plan's fault into the embedded environment, run the plan, measure RTO "
                + "and RPO, undo what the drill left%n"
                + "  --execute  run it for real%n"
                + "A drill or an execute asks 'Continue? [y/N]' on the terminal first, and each approval step asks "
                + "there too; --yes answers yes to all. Without a terminal and without --yes, a drill or an execute "
                + "does not start (exit 2).%n"
                + "Each step is printed as it starts and ends, with its output. Ctrl-C cancels the run (a drill "
                + "still undoes its fault). The run is journaled in HOME/recovery/runs/RUN-ID.json.%n"
                + "Exit 0 when the run succeeded, 1 when it failed, was cancelled or was not confirmed, 2 for usage "
                + "errors (no such plan or parameter, no mode or two).")
final class DrRunCommand extends DrCommand.Sub {

    /** How often the progress is read while a run goes on. */
    private static final long POLL_MS = 200;
    /** How long Ctrl-C waits for the run to stop (a drill undoes its fault first). */
    private static final long CANCEL_WAIT_SECONDS = 30;

    @Parameters(paramLabel = "PLAN", description = "The plan's id, as 'scaledeck dr plans' lists it.")
    String planId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    /** Exactly one of the three; picocli names them all when none or two are given. */
    static final class Mode {
        @Option(names = "--dry-run", description = "List the steps, filled in; change nothing.")
        boolean dryRun;
        @Option(names = "--drill", description = "Inject the plan's fault into the embedded environment, recover, "
                + "measure RTO and RPO.")
        boolean drill;
        @Option(names = "--execute", description = "Run the plan for real.")
        boolean execute;

        RunMode value() {
            return dryRun ? RunMode.DRY_RUN : drill ? RunMode.DRILL : RunMode.EXECUTE;
        }
    }

    @Option(names = "--yes", description = "Do not ask: start, and approve every approval step.")
    boolean yes;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A value for one of the plan's parameters (repeatable); the plan's defaults fill the rest.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        RunMode runMode = mode.value();
        ScalingConfig config = common.load(root().env());
        RecoveryPlan plan = checkedPlan(config, runMode);
        Optional<TerminalPrompt> terminal = TerminalPrompt.open();
        if (runMode != RunMode.DRY_RUN && !yes && terminal.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "'dr run " + planId + " --" + runMode.label() + "' "
                    + (runMode == RunMode.DRILL ? "injects a fault into the environment" : "changes the environment")
                    + " and asks first, but there is no terminal to ask on; pass --yes to go ahead");
        }
        return OneShot.withLaunched(config, (launched, c) -> {
            RecoveryCenter recovery = launched.engine().recovery();
            if (runMode != RunMode.DRY_RUN && !yes && !terminal.orElseThrow().yes(confirmation(plan, runMode, launched))) {
                err().println("Not started.");
                err().flush();
                return ExitCodes.PROBLEM;
            }
            DrRunPrinter printer = json ? null : new DrRunPrinter(out());
            Approver approver = DrApprover.of(yes, terminal, err(), printer == null ? run -> { } : printer::update);
            RecoveryRun run;
            try {
                run = recovery.start(planId, runMode, parameters, approver, "operator (cli)");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            RunbookProgress last = follow(run, printer);
            if (json) {
                out().println(RunJson.write(last));
                out().flush();
            } else {
                printer.finish(last, config.home().resolve("recovery").resolve("runs").resolve(last.runId() + ".json"));
            }
            return last.succeeded() ? ExitCodes.OK : ExitCodes.PROBLEM;
        });
    }

    /**
     * The plan, the parameters and the mode checked against the runbooks before anything starts,
     * so a typo costs no database start: the engine loads the same files from the same place.
     */
    private RecoveryPlan checkedPlan(ScalingConfig config, RunMode runMode) {
        PlanLoader.Loaded loaded = PlanLoader.loadAll(config.recovery().directory());
        RecoveryPlan plan = loaded.plans().stream().filter(p -> p.id().equals(planId)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "No plan '" + planId + "'; the plans are: "
                        + loaded.plans().stream().map(RecoveryPlan::id).collect(Collectors.joining(", "))
                        + (loaded.problems().isEmpty() ? "" : " (" + loaded.problems().size()
                        + " runbook problem(s) kept some files from loading: see 'scaledeck dr plans')")));
        List<String> unknown = parameters.keySet().stream().filter(n -> !plan.parameters().containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Plan " + planId + " has no parameter "
                    + String.join(", ", unknown) + (plan.parameters().isEmpty() ? "; it takes none"
                    : "; its parameters are " + String.join(", ", new java.util.TreeSet<>(plan.parameters().keySet()))));
        }
        if (runMode == RunMode.DRILL && plan.drill().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Plan " + planId + " cannot be drilled: its runbook "
                    + "names no drill.fault");
        }
        return plan;
    }

    private static String confirmation(RecoveryPlan plan, RunMode runMode, LaunchedEngine launched) {
        String steps = plan.steps().size() + " step(s) of " + plan.name();
        if (runMode == RunMode.DRILL) {
            return "This will inject the fault " + plan.drill().orElseThrow().yaml() + " into " + launched.description()
                    + ", run the " + steps + ", measure RTO and RPO, and undo what the drill left. Continue?";
        }
        return "This will run the " + steps + " for real on " + launched.description() + ". Continue?";
    }

    /** Waits for the run's end, printing its progress; Ctrl-C cancels it. */
    private RunbookProgress follow(RecoveryRun run, DrRunPrinter printer) throws InterruptedException {
        PrintWriter err = err();
        Thread cancelOnCtrlC = new Thread(() -> {
            err.println("Cancelling run " + run.id() + "...");
            err.flush();
            run.cancel();
            try {
                run.result().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                err.println("Run " + run.id() + " did not stop within " + CANCEL_WAIT_SECONDS + " s; its journal shows "
                        + "it interrupted");
                err.flush();
            }
        }, "scaledeck-dr-run-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
        try {
            while (true) {
                if (printer != null) {
                    printer.update(run.progress());
                }
                try {
                    return run.result().get(POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // print what is new and wait again
                } catch (ExecutionException e) {
                    throw new IllegalStateException("run " + run.id() + " ended without a result", e);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnCtrlC);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
