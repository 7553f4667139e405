package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.Approver;
import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RecoveryRun;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The actions on the selected plan: Dry-run, Drill and Execute (the last two ask first, saying
 * exactly what will happen), the plan's parameters as a small form, and Cancel for the run under
 * way. Starting goes through the engine in the background; a refusal (no such plan, a parameter
 * missing, another run under way, no drill possible here) shows as a readable line. Approval
 * steps are answered with a dialog ({@link WindowApprover}). UI thread only.
 */
public final class RunControl {

    /** Who starts runs from here, as the journal records it. */
    static final String WHO = "operator (window)";

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Approver approver;
    private final Consumer<RecoveryRun> started;
    private DisasterRecoveryCoordinator recovery;
    private RecoveryPlan plan;
    private RecoveryRun underWay;
    private boolean starting;

    private final ObservableList<ParameterInput> parameters = FXCollections.observableArrayList();
    private final ObservableList<ParameterInput> parametersReadOnly = FXCollections.unmodifiableObservableList(parameters);
    private final ReadOnlyBooleanWrapper canDryRun = new ReadOnlyBooleanWrapper(this, "canDryRun");
    private final ReadOnlyBooleanWrapper canDrill = new ReadOnlyBooleanWrapper(this, "canDrill");
    private final ReadOnlyBooleanWrapper canExecute = new ReadOnlyBooleanWrapper(this, "canExecute");
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper(this, "canCancel");
    private final ReadOnlyStringWrapper selectionText = new ReadOnlyStringWrapper(this, "selectionText", "");
    private final ReadOnlyObjectWrapper<StatusLine> hint = new ReadOnlyObjectWrapper<>(this, "hint", StatusLine.plain(""));
    private final ReadOnlyObjectWrapper<StatusLine> status = new ReadOnlyObjectWrapper<>(this, "status",
            StatusLine.plain(""));

    /** @param started told on the UI thread of each run started from here */
    RunControl(TaskExecutor tasks, DialogService dialogs, Consumer<RecoveryRun> started) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.approver = new WindowApprover(tasks, dialogs);
        this.started = started;
        refreshActions();
    }

    void engineStarted(DisasterRecoveryCoordinator coordinator) {
        this.recovery = coordinator;
        refreshActions();
    }

    /** The approver of runs started here, and of automatic runs while the window is open. */
    Approver approver() {
        return approver;
    }

    /** The plan the actions act on (null: none); its parameters form is rebuilt when it is another plan. */
    void select(RecoveryPlan next) {
        boolean other = next == null || plan == null || !plan.id().equals(next.id())
                || !plan.parameters().equals(next.parameters());
        plan = next;
        if (other) {
            parameters.setAll(next == null ? List.of() : next.parameters().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> {
                        ParameterInput input = new ParameterInput(e.getKey(), e.getValue());
                        input.valueProperty().addListener((obs, old, now) -> refreshActions());
                        return input;
                    }).toList());
        }
        refreshActions();
    }

    /** The run under way now (null: none), for Cancel and to keep a second run from being started. */
    void underWay(RecoveryRun run) {
        underWay = run;
        refreshActions();
    }

    private void refreshActions() {
        boolean free = recovery != null && plan != null && !starting && underWay == null;
        List<String> missing = parameters.stream().filter(ParameterInput::missing).map(ParameterInput::name).toList();
        canDryRun.set(free);
        canDrill.set(free && plan.drill().isPresent());
        canExecute.set(free && missing.isEmpty());
        canCancel.set(underWay != null);
        selectionText.set(plan == null ? "Select a plan to run it" : "Selected: " + plan.name() + " (" + plan.id() + ")");
        if (plan == null) {
            hint.set(StatusLine.plain(""));
        } else if (!missing.isEmpty()) {
            hint.set(StatusLine.bad("Execute needs a value for " + String.join(", ", missing)
                    + "; a dry run lists the steps without, and a drill chooses its own"));
        } else if (plan.drill().isEmpty()) {
            hint.set(StatusLine.plain("This plan cannot be drilled: its runbook names no drill fault"));
        } else {
            hint.set(StatusLine.plain(""));
        }
    }

    /** Lists every step of the selected plan with its placeholders filled; changes nothing, so it does not ask. */
    public void dryRun() {
        if (canDryRun.get()) {
            start(plan, RunMode.DRY_RUN, values());
        }
    }

    /** Asks, saying what the drill will do to the embedded environment, then drills the selected plan. */
    public void drill() {
        if (!canDrill.get()) {
            return;
        }
        RecoveryPlan p = plan;
        DrillFault fault = p.drill().orElseThrow();
        if (!dialogs.confirm("Drill " + p.name() + "?", RecoveryTexts.drillQuestion(p, fault), "Start drill")) {
            status.set(StatusLine.plain("Drill of " + p.name() + " cancelled: nothing was changed"));
            return;
        }
        // The drill decides the parameters itself (e.g. which instance it crashed).
        start(p, RunMode.DRILL, Map.of());
    }

    /** Asks, listing every step, then runs the selected plan for real. */
    public void execute() {
        if (!canExecute.get()) {
            return;
        }
        RecoveryPlan p = plan;
        Map<String, String> values = values();
        if (!dialogs.confirm("Execute " + p.name() + "?", RecoveryTexts.executeQuestion(p, values), "Execute plan")) {
            status.set(StatusLine.plain("Execution of " + p.name() + " cancelled: nothing was changed"));
            return;
        }
        start(p, RunMode.EXECUTE, values);
    }

    /** Asks, then stops the run under way after its current attempt; the rest of its steps are skipped. */
    public void cancel() {
        RecoveryRun run = underWay;
        if (run == null) {
            return;
        }
        if (!dialogs.confirm("Cancel run " + run.id() + "?", "The step under way finishes its current attempt; every "
                + "step after it is skipped, so the system may be left half recovered.", "Cancel run")) {
            return;
        }
        tasks.execute(progress -> {
            run.cancel();
            return run.id();
        }, progress -> { }, id -> status.set(StatusLine.plain("Cancelling run " + id + "…")),
                failure -> status.set(StatusLine.bad("Could not cancel " + run.id() + ": "
                        + RecoveryViewModel.message(failure))));
    }

    /** The values typed, without blanks (a blank one leaves the plan's default). */
    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.stream().filter(p -> !p.text().isEmpty()).forEach(p -> values.put(p.name(), p.text()));
        return values;
    }

    private void start(RecoveryPlan p, RunMode mode, Map<String, String> values) {
        starting = true;
        refreshActions();
        String noun = RecoveryTexts.noun(mode);
        status.set(StatusLine.plain("Starting the " + noun + " of " + p.name() + "…"));
        DisasterRecoveryCoordinator coordinator = recovery;
        tasks.execute(progress -> coordinator.start(p.id(), mode, values, approver, WHO), progress -> { }, run -> {
            starting = false;
            status.set(StatusLine.plain("Started the " + noun + " of " + p.name() + " (run " + run.id() + ")"));
            underWay = run;
            refreshActions();
            started.accept(run);
        }, failure -> {
            starting = false;
            refreshActions();
            status.set(StatusLine.bad("Could not start the " + noun + " of " + p.name() + ": "
                    + RecoveryViewModel.message(failure)));
            if (!(failure instanceof IllegalArgumentException || failure instanceof IllegalStateException)) {
                dialogs.showError("Could not start the " + noun + " of " + p.name(), RecoveryViewModel.message(failure),
                        failure);
            }
        });
    }

    /** The selected plan's parameters, by name, prefilled with their defaults. */
    public ObservableList<ParameterInput> parameters() {
        return parametersReadOnly;
    }

    public ReadOnlyBooleanProperty canDryRunProperty() {
        return canDryRun.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDrillProperty() {
        return canDrill.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canExecuteProperty() {
        return canExecute.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    /** Which plan the buttons act on. */
    public ReadOnlyStringProperty selectionTextProperty() {
        return selectionText.getReadOnlyProperty();
    }

    /** Why an action is not possible for the selected plan (a parameter missing, no drill), or nothing. */
    public ReadOnlyObjectProperty<StatusLine> hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** What the last action did, or why it could not. */
    public ReadOnlyObjectProperty<StatusLine> statusProperty() {
        return status.getReadOnlyProperty();
    }
}
