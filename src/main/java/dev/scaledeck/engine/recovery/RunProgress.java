package dev.scaledeck.engine.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The changing state of one run, behind one lock, handed out as {@link RunbookProgress}
 * snapshots. Steps are addressed by slot: 0 is a drill's fault, 1..n the plan's steps, n+1 the
 * drill's clean-up, and compensating steps get slots of their own after those. Thread-safe.
 */
final class RunProgress {

    private static final int OUTPUT_LIMIT = 200;
    private static final int COMPENSATION_BASE = 10_000;

    private final String runId;
    private final RecoveryPlan plan;
    private final RunMode mode;
    private Map<String, String> parameters;
    private final String who;
    private final Instant started;
    private final Clock clock;
    private final List<Slot> slots = new ArrayList<>();
    private RunState state = RunState.RUNNING;
    private String summary = "running";
    private Instant finished;
    private DrillMeasurement measured;
    private int nextCompensation = COMPENSATION_BASE;

    private static final class Slot {
        final int slot;
        final int index;
        final String name;
        final String type;
        String description;
        final boolean compensation;
        StepState state = StepState.PENDING;
        Instant started;
        Instant finished;
        int attempts;
        final List<String> output = new ArrayList<>();

        Slot(int slot, int index, String name, String type, String description, boolean compensation) {
            this.slot = slot;
            this.index = index;
            this.name = name;
            this.type = type;
            this.description = description;
            this.compensation = compensation;
        }

        StepProgress snapshot() {
            return new StepProgress(index, name, type, description, compensation, state, Optional.ofNullable(started),
                    Optional.ofNullable(finished), attempts, output);
        }
    }

    RunProgress(String runId, RecoveryPlan plan, RunMode mode, Map<String, String> values, String who, Instant started,
                Optional<FaultDrill> drill, Clock clock) {
        this.runId = runId;
        this.plan = plan;
        this.mode = mode;
        this.parameters = shown(values);
        this.who = who;
        this.started = started;
        this.clock = clock;
        drill.ifPresent(d -> slots.add(new Slot(0, 0, "Inject the fault", "drill-fault", d.describe(), false)));
        for (int i = 0; i < plan.steps().size(); i++) {
            PlanStep s = plan.steps().get(i);
            slots.add(new Slot(i + 1, i + 1, s.name(), s.action().type(), StepExecutor.describe(s.action(), values), false));
        }
        drill.ifPresent(d -> slots.add(new Slot(plan.steps().size() + 1, plan.steps().size() + 1, "Undo the drill",
                "drill-cleanup", "put back what the plan left: the fault, extra instances, moved files", false)));
    }

    synchronized RunbookProgress snapshot() {
        return new RunbookProgress(runId, plan.id(), plan.name(), mode, parameters, state, started,
                Optional.ofNullable(finished), slots.stream().map(Slot::snapshot).toList(), summary,
                Optional.ofNullable(measured), who);
    }

    /** The run's values changed (a drill chose some): describe the plan's steps with them. */
    synchronized void useValues(RecoveryPlan plan, Map<String, String> values) {
        parameters = shown(values);
        for (Slot s : slots) {
            if (!s.compensation && s.slot >= 1 && s.slot <= plan.steps().size()) {
                s.description = StepExecutor.describe(plan.steps().get(s.slot - 1).action(), values);
            }
        }
    }

    /**
     * The run's values as the journal and the window show them: without the built-ins the run
     * names anyway, and URLs cut to their host (a webhook's path is its secret).
     */
    static Map<String, String> shown(Map<String, String> values) {
        Map<String, String> shown = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (!k.equals("run.id") && !k.equals("plan.id") && !k.equals("mode")) {
                shown.put(k, v.matches("(?i)[a-z][a-z0-9+.-]*://.*") ? maskedUrl(v) : v);
            }
        });
        return Map.copyOf(shown);
    }

    private static String maskedUrl(String text) {
        try {
            return ExternalSteps.masked(new java.net.URI(text));
        } catch (java.net.URISyntaxException e) {
            return "(a URL, not shown)";
        }
    }

    synchronized int addCompensation(int parentIndex, PlanStep step, Map<String, String> values) {
        int slot = nextCompensation++;
        int at = 0;
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).index == parentIndex) {
                at = i + 1;
            }
        }
        slots.add(at, new Slot(slot, parentIndex, step.name(), step.action().type(),
                StepExecutor.describe(step.action(), values), true));
        return slot;
    }

    synchronized void start(int slot) {
        Slot s = find(slot);
        s.state = StepState.RUNNING;
        s.started = clock.instant();
    }

    synchronized void attempt(int slot, int attempt) {
        find(slot).attempts = attempt;
    }

    synchronized void end(int slot, StepState state) {
        Slot s = find(slot);
        s.state = state;
        if (state != StepState.AWAITING_APPROVAL && state != StepState.RUNNING) {
            s.finished = clock.instant();
        }
    }

    synchronized void planned(int slot, List<String> notes) {
        Slot s = find(slot);
        s.state = StepState.PLANNED;
        s.output.addAll(notes);
    }

    synchronized void output(int slot, String line) {
        Slot s = find(slot);
        if (s.output.size() < OUTPUT_LIMIT) {
            s.output.add(line);
        } else if (s.output.size() == OUTPUT_LIMIT) {
            s.output.add("(more output not kept)");
        }
    }

    synchronized void measured(DrillMeasurement m) {
        measured = m;
    }

    /** Ends the run; later calls are ignored (the first outcome stands). Unstarted steps become SKIPPED. */
    synchronized void finish(RunState next, String why, Instant at) {
        if (!state.canMoveTo(next)) {
            return;
        }
        state = next;
        summary = why;
        finished = at;
        for (Slot s : slots) {
            if (s.state == StepState.PENDING && !(mode == RunMode.DRILL && "drill-cleanup".equals(s.type))) {
                s.state = StepState.SKIPPED;
            } else if (s.state == StepState.RUNNING || s.state == StepState.AWAITING_APPROVAL) {
                s.state = next == RunState.CANCELLED ? StepState.SKIPPED : s.state;
                s.finished = at;
            }
        }
    }

    private Slot find(int slot) {
        for (Slot s : slots) {
            if (s.slot == slot) {
                return s;
            }
        }
        throw new IllegalArgumentException("no step slot " + slot + " in run " + runId);
    }
}
