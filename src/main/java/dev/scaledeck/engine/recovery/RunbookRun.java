package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.event.EngineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a plan on a thread of its own: the drill's fault, then each step with its timeout,
 * retries and on-failure rule, journaled after every change. {@link #progress()} is safe from
 * any thread; the rest runs on the run's thread.
 */
final class RunbookRun implements RecoveryRun {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookRun.class);
    static final Duration DETECTION_WAIT = Duration.ofSeconds(60);

    /** What a run needs around it. */
    record Setup(ScalingEngine engine, Optional<ManagedDatabase> database, RunJournal journal,
                 ExecutorService attempts, SignalWatch signals, Clock clock) {
    }

    private final String id;
    private final RecoveryPlan plan;
    private final RunMode mode;
    private volatile Map<String, String> values;
    private final Approver approver;
    private final String who;
    private final Optional<FaultDrill> drill;
    private final Setup setup;
    private final RunProgress progress;
    private final CompletableFuture<RunbookProgress> result = new CompletableFuture<>();
    private volatile Thread thread;
    private volatile boolean cancelled;
    private volatile Runnable onEnd = () -> { };

    RunbookRun(String id, RecoveryPlan plan, RunMode mode, Map<String, String> values, Approver approver, String who,
               Optional<FaultDrill> drill, Setup setup) {
        this.id = id;
        this.plan = plan;
        this.mode = mode;
        this.values = Map.copyOf(values);
        this.approver = approver;
        this.who = who;
        this.drill = drill;
        this.setup = setup;
        this.progress = new RunProgress(id, plan, mode, values, who, setup.clock().instant(), drill, setup.clock());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RunbookProgress progress() {
        return progress.snapshot();
    }

    @Override
    public void cancel() {
        cancelled = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public CompletableFuture<RunbookProgress> result() {
        return result;
    }

    /** Runs when the run has ended, before {@link #result()} completes: whoever waits on it may start the next run. */
    void whenEnded(Runnable action) {
        onEnd = action;
    }

    /** The run's body; call once, on the run's thread. Never throws. */
    void run() {
        thread = Thread.currentThread();
        journal("started", plan.name() + " (" + mode.label() + ") started by " + who);
        setup.journal().write(progress.snapshot());
        try {
            if (mode == RunMode.DRY_RUN) {
                dryRun();
            } else {
                execute();
            }
        } catch (InterruptedException e) {
            progress.finish(RunState.CANCELLED, "cancelled by the operator", setup.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("Recovery run {} failed unexpectedly", id, e);
            progress.finish(RunState.FAILED, "failed unexpectedly: " + e, setup.clock().instant());
        } finally {
            Thread.interrupted();
            RunbookProgress last = progress.snapshot();
            setup.journal().write(last);
            journal(last.state().name().toLowerCase(java.util.Locale.ROOT), plan.name() + " (" + mode.label() + "): "
                    + last.summary());
            thread = null;
            onEnd.run();
            result.complete(last);
        }
    }

    private void dryRun() {
        StepContext context = context(0);
        List<String> missing = plan.parameters().keySet().stream()
                .filter(p -> values.getOrDefault(p, "").isEmpty()).sorted().toList();
        for (int i = 0; i < plan.steps().size(); i++) {
            progress.planned(i + 1, StepExecutor.preview(plan.steps().get(i).action(), context));
        }
        Instant now = setup.clock().instant();
        if (!missing.isEmpty()) {
            progress.finish(RunState.FAILED, "dry run: " + plan.steps().size() + " step(s) listed; parameter(s) "
                    + String.join(", ", missing) + " have no value, so it could not run as it is (give "
                    + String.join(" ", missing.stream().map(m -> "--param " + m + "=...").toList()) + ")", now);
            return;
        }
        progress.finish(RunState.SUCCEEDED, "dry run: " + plan.steps().size() + " step(s) listed; nothing was changed", now);
    }

    private void execute() throws InterruptedException {
        Instant faultAt = null;
        Optional<Instant> detectedAt = Optional.empty();
        try {
            if (drill.isPresent()) {
                faultAt = injectFault(drill.get());
                if (faultAt == null) {
                    return;
                }
                detectedAt = awaitDetection(faultAt);
            }
            for (int i = 0; i < plan.steps().size(); i++) {
                if (!runStep(i + 1, plan.steps().get(i), false)) {
                    return;
                }
            }
            Instant recovered = setup.clock().instant();
            if (drill.isPresent()) {
                measure(drill.get(), faultAt, detectedAt, recovered);
            } else {
                progress.finish(RunState.SUCCEEDED, "all " + plan.steps().size() + " step(s) succeeded", recovered);
            }
        } finally {
            drill.ifPresent(this::cleanUp);
        }
    }

    private Instant injectFault(FaultDrill fault) throws InterruptedException {
        int step = 0;
        progress.start(step);
        try {
            fault.prepare();
            progress.output(step, "prepared: " + fault.describe());
            Map<String, String> decided = new java.util.LinkedHashMap<>(values);
            fault.parameters().forEach((k, v) -> {
                if (plan.parameters().containsKey(k)) {
                    decided.put(k, v);
                }
            });
            values = Map.copyOf(decided);
            progress.useValues(plan, values);
            fault.parameters().forEach((k, v) -> progress.output(step, "the drill chose " + k + " = " + v));
            Instant at = fault.inject();
            progress.output(step, "fault injected at " + at);
            progress.end(step, StepState.SUCCEEDED);
            setup.journal().write(progress.snapshot());
            return at;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            progress.output(step, "the drill could not start: " + message(e));
            progress.end(step, StepState.FAILED);
            progress.finish(RunState.FAILED, "the drill could not inject its fault: " + message(e), setup.clock().instant());
            return null;
        }
    }

    private Optional<Instant> awaitDetection(Instant faultAt) throws InterruptedException {
        List<String> detectable = plan.signals().stream().filter(SignalWatch.DETECTED::contains).toList();
        int step = 0;
        if (detectable.isEmpty()) {
            progress.output(step, "the signals " + plan.signals() + " are declared by an operator, not detected; "
                    + "the plan starts at once");
            return Optional.empty();
        }
        long deadline = System.nanoTime() + DETECTION_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> now = setup.signals().evaluateNow().stream().map(Signal::name).toList();
            if (now.containsAll(detectable)) {
                Instant at = setup.clock().instant();
                progress.output(step, "detected " + detectable + " after "
                        + Durations.measured(Duration.between(faultAt, at)));
                return Optional.of(at);
            }
            Thread.sleep(250);
        }
        progress.output(step, "the engine did not see " + detectable + " within "
                + Durations.format(DETECTION_WAIT) + "; the plan runs anyway");
        return Optional.empty();
    }

    private void measure(FaultDrill fault, Instant faultAt, Optional<Instant> detectedAt, Instant recovered) {
        try {
            FaultDrill.Rpo rpo = fault.measureRpo();
            DrillMeasurement m = new DrillMeasurement(plan.drill().orElseThrow(), faultAt, detectedAt, recovered,
                    Duration.between(faultAt, recovered), rpo.lost(), rpo.basis(), plan.rto(), plan.rpo());
            progress.measured(m);
            progress.finish(RunState.SUCCEEDED, "drill recovered: RTO " + Durations.measured(m.rto()) + " measured (target "
                    + Durations.format(m.rtoTarget()) + (m.rtoMet() ? ", met" : ", MISSED") + "), RPO "
                    + Durations.measured(m.rpo()) + " (target " + Durations.format(m.rpoTarget())
                    + (m.rpoMet() ? ", met" : ", MISSED") + ")", recovered);
        } catch (Exception e) {
            progress.finish(RunState.FAILED, "the plan ran, but the drill's check of the data failed: " + message(e),
                    setup.clock().instant());
        }
    }

    private void cleanUp(FaultDrill fault) {
        int step = plan.steps().size() + 1;
        progress.start(step);
        List<String> lines = fault.cleanup();
        lines.forEach(l -> progress.output(step, l));
        if (lines.isEmpty()) {
            progress.output(step, "nothing to undo");
        }
        progress.end(step, StepState.SUCCEEDED);
    }

    /** @return whether the run goes on */
    private boolean runStep(int index, PlanStep step, boolean compensation) throws InterruptedException {
        int slot = compensation ? progress.addCompensation(index, step, values) : index;
        progress.start(slot);
        setup.journal().write(progress.snapshot());
        StepOutcome outcome = step.action() instanceof StepAction.Approve approve
                ? approve(slot, approve) : attempts(slot, step);
        progress.end(slot, outcome.state());
        setup.journal().write(progress.snapshot());
        journal("step", "step " + index + (compensation ? " (compensation)" : "") + " " + step.name() + ": "
                + outcome.state() + (outcome.message().isEmpty() ? "" : " - " + outcome.message()));
        if (outcome.state() != StepState.FAILED || compensation) {
            return true;
        }
        switch (step.onFailure()) {
            case CONTINUE -> {
                progress.end(slot, StepState.FAILED_CONTINUED);
                return true;
            }
            case COMPENSATE -> {
                for (PlanStep c : step.compensation()) {
                    runStep(index, c, true);
                }
                progress.finish(RunState.FAILED, "step " + index + " (" + step.name() + ") failed: " + outcome.message()
                        + "; its " + step.compensation().size() + " compensating step(s) ran", setup.clock().instant());
                return false;
            }
            default -> {
                progress.finish(RunState.FAILED, "step " + index + " (" + step.name() + ") failed: " + outcome.message(),
                        setup.clock().instant());
                return false;
            }
        }
    }

    private record StepOutcome(StepState state, String message) {
    }

    private StepOutcome approve(int slot, StepAction.Approve approve) throws InterruptedException {
        String question = Placeholders.fill(approve.question(), values);
        progress.end(slot, StepState.AWAITING_APPROVAL);
        RunbookProgress now = progress.snapshot();
        setup.journal().write(now);
        boolean yes = approver.approve(now, now.steps().stream().filter(s -> s.index() == slot && !s.compensation())
                .findFirst().orElseThrow(), question);
        progress.output(slot, yes ? "approved" : "refused by the operator");
        return yes ? new StepOutcome(StepState.SUCCEEDED, "") : new StepOutcome(StepState.FAILED, "refused by the operator");
    }

    private StepOutcome attempts(int slot, PlanStep step) throws InterruptedException {
        StepContext context = context(slot);
        String last = "";
        for (int attempt = 1; attempt <= step.retries() + 1; attempt++) {
            if (cancelled) {
                throw new InterruptedException("cancelled");
            }
            progress.attempt(slot, attempt);
            Future<?> f = setup.attempts().submit(() -> {
                StepExecutor.attempt(step.action(), context, step.timeout(), id);
                return null;
            });
            try {
                f.get(step.timeout().toMillis(), TimeUnit.MILLISECONDS);
                return new StepOutcome(StepState.SUCCEEDED, "");
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            } catch (TimeoutException e) {
                f.cancel(true);
                last = "timed out after " + Durations.format(step.timeout());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StepNotApplicableException na) {
                    progress.output(slot, "skipped: " + na.getMessage());
                    return new StepOutcome(StepState.SKIPPED, na.getMessage());
                }
                last = message(e.getCause());
            }
            progress.output(slot, "attempt " + attempt + " of " + (step.retries() + 1) + " failed: " + last);
            if (attempt <= step.retries()) {
                Thread.sleep(step.retryDelay().toMillis());
            }
        }
        return new StepOutcome(StepState.FAILED, last);
    }

    private StepContext context(int slot) {
        return new StepContext(setup.engine(), setup.database(), values, line -> progress.output(slot, line));
    }

    private void journal(String type, String message) {
        setup.engine().journal().record(new EngineEvent(setup.clock().instant(), "recovery", type, id, message));
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
