package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A runbook run at a point in time: its steps, its state and, for a drill, what it measured.
 * This is also what the run's journal file holds, so a finished or interrupted run reads back
 * as the same record. Immutable.
 *
 * @param runId      e.g. {@code 20261127-101500-database-down-drill}
 * @param planId     the plan
 * @param planName   the plan's name
 * @param mode       dry-run, drill or execute
 * @param parameters the placeholders' values for this run
 * @param state      where the run is
 * @param started    when it began
 * @param finished   when it ended
 * @param steps      every step (and compensating step run), in order
 * @param summary    one line: what happened, or why it failed
 * @param measured   a drill's measurements, once it recovered
 * @param who        who started it: {@code operator (window)}, {@code operator (cli)}, {@code automatic}
 */
public record RunbookProgress(String runId, String planId, String planName, RunMode mode,
                              Map<String, String> parameters, RunState state, Instant started,
                              Optional<Instant> finished, List<StepProgress> steps, String summary,
                              Optional<DrillMeasurement> measured, String who) {

    public RunbookProgress {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(planName, "planName");
        Objects.requireNonNull(mode, "mode");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        steps = List.copyOf(steps);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(who, "who");
    }

    public boolean succeeded() {
        return state == RunState.SUCCEEDED;
    }

    /** The step waiting for an approval now, if any. */
    public Optional<StepProgress> awaitingApproval() {
        return steps.stream().filter(s -> s.state() == StepState.AWAITING_APPROVAL).findFirst();
    }
}
