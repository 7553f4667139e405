package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunState;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run shown in the section, live or from the history: each step with its state, duration and
 * attempts, the selected step's output (else the step under way, else the failed one), the
 * outcome, and for a drill the measured RTO and RPO against the plan's targets. UI thread only.
 */
public final class RunProgressViewModel {

    static final String NOTHING_SHOWN = "No run shown: start one with Dry-run, Drill or Execute, or select one in the history";

    private final ZoneId zone;
    private String shownRunId;

    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<StepRow> stepsReadOnly = FXCollections.unmodifiableObservableList(steps);
    private final ObjectProperty<StepRow> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final ObservableList<String> output = FXCollections.observableArrayList();
    private final ObservableList<String> outputReadOnly = FXCollections.unmodifiableObservableList(output);
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper(this, "stepText", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", NOTHING_SHOWN);
    private final ReadOnlyObjectWrapper<StatusLine> outcome = new ReadOnlyObjectWrapper<>(this, "outcome",
            StatusLine.plain(""));
    private final ReadOnlyBooleanWrapper drill = new ReadOnlyBooleanWrapper(this, "drill");
    private final ReadOnlyObjectWrapper<StatusLine> rto = new ReadOnlyObjectWrapper<>(this, "rto", StatusLine.plain(""));
    private final ReadOnlyObjectWrapper<StatusLine> rpo = new ReadOnlyObjectWrapper<>(this, "rpo", StatusLine.plain(""));
    private final ReadOnlyStringWrapper rpoBasis = new ReadOnlyStringWrapper(this, "rpoBasis", "");

    RunProgressViewModel(ZoneId zone) {
        this.zone = zone;
        selectedStep.addListener((obs, old, now) -> showOutput());
    }

    /**
     * Shows {@code run} as it is now.
     *
     * @param plan the run's plan, for a drill's targets (empty when it is no longer loaded)
     * @param now  for the time a running step has taken so far
     */
    void show(RunbookProgress run, Optional<RecoveryPlan> plan, Instant now) {
        String keep = run.runId().equals(shownRunId) && selectedStep.get() != null ? selectedStep.get().key() : null;
        shownRunId = run.runId();
        List<StepRow> rows = new ArrayList<>();
        for (int i = 0; i < run.steps().size(); i++) {
            rows.add(StepRow.of(run.steps().get(i), i, now));
        }
        ObservableLists.replaceIfChanged(steps, rows);
        selectedStep.set(keep == null ? null : rows.stream().filter(r -> r.key().equals(keep)).findFirst().orElse(null));
        showOutput();
        title.set(RecoveryTexts.runTitle(run) + " · started " + Formats.dateTime(run.started(), zone) + " by " + run.who()
                + run.finished().map(f -> " · took " + Durations.measured(Duration.between(run.started(), f)))
                .orElse(""));
        outcome.set(new StatusLine(outcomeText(run, rows), StatusStyles.of(run.state())));
        drill.set(run.mode() == RunMode.DRILL);
        showMeasurement(run, plan);
    }

    /** Shows nothing (the run is gone from the history). */
    void clear() {
        shownRunId = null;
        steps.clear();
        selectedStep.set(null);
        title.set(NOTHING_SHOWN);
        outcome.set(StatusLine.plain(""));
        drill.set(false);
        rto.set(StatusLine.plain(""));
        rpo.set(StatusLine.plain(""));
        rpoBasis.set("");
        showOutput();
    }

    /** The id of the run shown, or null. */
    String shownRunId() {
        return shownRunId;
    }

    private static String outcomeText(RunbookProgress run, List<StepRow> rows) {
        String state = run.state().name();
        if (run.state() != RunState.RUNNING) {
            return state + " · " + run.summary();
        }
        return rows.stream().filter(StepRow::active).findFirst()
                .map(r -> state + " · step " + r.index() + " of " + run.steps().stream()
                        .filter(s -> !s.compensation()).mapToInt(s -> s.index()).max().orElse(0) + ": " + r.name()
                        + (StatusStyles.AWAITING.equals(r.stateStyle()) ? " (waiting for your approval)" : ""))
                .orElse(state);
    }

    private void showMeasurement(RunbookProgress run, Optional<RecoveryPlan> plan) {
        Optional<DrillMeasurement> m = run.measured();
        if (run.mode() != RunMode.DRILL) {
            rto.set(StatusLine.plain(""));
            rpo.set(StatusLine.plain(""));
            rpoBasis.set("");
        } else if (m.isPresent()) {
            DrillMeasurement measured = m.get();
            rto.set(new StatusLine(RecoveryTexts.versus("RTO", measured.rto(), measured.rtoTarget()),
                    measured.rtoMet() ? StatusStyles.GOOD : StatusStyles.BAD));
            rpo.set(new StatusLine(RecoveryTexts.versus("RPO", measured.rpo(), measured.rpoTarget()),
                    measured.rpoMet() ? StatusStyles.GOOD : StatusStyles.BAD));
            rpoBasis.set("RPO measured as: " + measured.rpoBasis());
        } else {
            String why = run.state() == RunState.RUNNING ? "measured when the plan has recovered" : "not measured";
            rto.set(StatusLine.plain("RTO " + why + target(plan, RecoveryPlan::rto)));
            rpo.set(StatusLine.plain("RPO " + why + target(plan, RecoveryPlan::rpo)));
            rpoBasis.set("");
        }
    }

    private static String target(Optional<RecoveryPlan> plan, Function<RecoveryPlan, Duration> which) {
        return plan.map(p -> " (target " + RecoveryTexts.target(which.apply(p)) + ")").orElse("");
    }

    /** The selected step's output; without a selection, the step under way's, else the failed one's, else the first's. */
    private void showOutput() {
        StepRow step = selectedStep.get() != null ? selectedStep.get()
                : steps.stream().filter(StepRow::active).findFirst()
                .or(() -> steps.stream().filter(StepRow::failed).findFirst())
                .or(() -> steps.stream().findFirst()).orElse(null);
        if (step == null) {
            stepText.set("");
            ObservableLists.replaceIfChanged(output, List.of());
            return;
        }
        stepText.set("Step " + step.index() + " · " + step.name() + " (" + step.type() + "): " + step.description());
        ObservableLists.replaceIfChanged(output, step.output().isEmpty() ? List.of("(no output)") : step.output());
    }

    /** Every step of the run shown, in order. */
    public ObservableList<StepRow> steps() {
        return stepsReadOnly;
    }

    /** The step whose output shows; the view sets it from the table's selection. */
    public ObjectProperty<StepRow> selectedStepProperty() {
        return selectedStep;
    }

    /** The output lines of the step described in {@link #stepTextProperty()}. */
    public ObservableList<String> output() {
        return outputReadOnly;
    }

    /** Which step's output shows, and what it does. */
    public ReadOnlyStringProperty stepTextProperty() {
        return stepText.getReadOnlyProperty();
    }

    /** {@code Dry run of Database down (database-down) · started 2026-11-27 10:15:00 by operator (window) · took 0.1 s}. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The run's state and summary, in the state's colour. */
    public ReadOnlyObjectProperty<StatusLine> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Whether the run shown is a drill (the measurements show). */
    public ReadOnlyBooleanProperty drillProperty() {
        return drill.getReadOnlyProperty();
    }

    /** {@code RTO 4.2 s (target 5m) ✓}: green met, red missed; plain while not measured. */
    public ReadOnlyObjectProperty<StatusLine> rtoProperty() {
        return rto.getReadOnlyProperty();
    }

    /** {@code RPO 0.0 s (target 1m) ✓}: green met, red missed; plain while not measured. */
    public ReadOnlyObjectProperty<StatusLine> rpoProperty() {
        return rpo.getReadOnlyProperty();
    }

    /** How the drill measured the RPO. */
    public ReadOnlyStringProperty rpoBasisProperty() {
        return rpoBasis.getReadOnlyProperty();
    }
}
