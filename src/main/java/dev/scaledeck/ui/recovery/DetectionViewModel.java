package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.DetectedScenario;
import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.RecoveryMode;
import dev.scaledeck.engine.recovery.Signal;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What continuous detection matches now (each scenario with its signals' messages and since
 * when), the banner for the most specific one, and the ask/automatic switch: turning automatic
 * on asks first, turning it off does not. UI thread only.
 */
public final class DetectionViewModel {

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Runnable afterModeChange;
    private DisasterRecoveryCoordinator recovery;
    private DetectedScenario top;
    private boolean showingEngineMode;
    private RecoveryMode modeInFlight;

    private final ObservableList<StatusLine> scenarios = FXCollections.observableArrayList();
    private final ObservableList<StatusLine> scenariosReadOnly = FXCollections.unmodifiableObservableList(scenarios);
    private final ReadOnlyStringWrapper alarm = new ReadOnlyStringWrapper(this, "alarm", "");
    private final ReadOnlyBooleanWrapper canRunDetected = new ReadOnlyBooleanWrapper(this, "canRunDetected");
    private final BooleanProperty automatic = new SimpleBooleanProperty(this, "automatic");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyStringWrapper modeText = new ReadOnlyStringWrapper(this, "modeText", "");
    private final ReadOnlyObjectWrapper<StatusLine> modeMessage = new ReadOnlyObjectWrapper<>(this, "modeMessage",
            StatusLine.plain(""));

    /** @param afterModeChange runs on the UI thread once the engine took a new mode */
    DetectionViewModel(TaskExecutor tasks, DialogService dialogs, ZoneId zone, Runnable afterModeChange) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.afterModeChange = afterModeChange;
        automatic.addListener((obs, was, now) -> modeChosen(now));
    }

    void engineStarted(DisasterRecoveryCoordinator coordinator) {
        recovery = coordinator;
        ready.set(true);
    }

    /** Shows what the engine detects and its mode. */
    void show(List<DetectedScenario> detected, RecoveryMode mode) {
        showMode(mode);
        ObservableLists.replaceIfChanged(scenarios, detected.isEmpty()
                ? List.of(new StatusLine("Nothing detected: every signal is quiet", StatusStyles.GOOD))
                : detected.stream().map(this::line).toList());
        top = detected.isEmpty() ? null : detected.get(0);
        alarm.set(top == null ? "" : "Detected: " + top.planName() + " since " + Formats.clock(top.since(), zone) + " — "
                + top.signals().stream().map(Signal::message).collect(Collectors.joining("; "))
                + (mode == RecoveryMode.AUTOMATIC ? ". Automatic mode: its plan runs by itself."
                : ". Check the situation, then run its plan."));
        canRunDetected.set(top != null && mode == RecoveryMode.ASK);
    }

    /** The most specific scenario detected now, when "Run plan…" is offered. */
    Optional<DetectedScenario> toRun() {
        return canRunDetected.get() ? Optional.ofNullable(top) : Optional.empty();
    }

    private StatusLine line(DetectedScenario d) {
        return new StatusLine(d.planName() + " (" + d.planId() + ") since " + Formats.dateTime(d.since(), zone) + ": "
                + d.signals().stream().map(s -> s.name() + " — " + s.message()).collect(Collectors.joining("; ")),
                StatusStyles.BAD);
    }

    private void showMode(RecoveryMode mode) {
        if (modeInFlight == null && automatic.get() != (mode == RecoveryMode.AUTOMATIC)) {
            setQuietly(mode == RecoveryMode.AUTOMATIC);
        }
        modeText.set(mode == RecoveryMode.AUTOMATIC
                ? "Automatic: a detected scenario's plan is executed at once; its approval steps still ask here"
                : "Ask: a detected scenario is shown here and waits for you to run its plan");
    }

    private void setQuietly(boolean value) {
        showingEngineMode = true;
        try {
            automatic.set(value);
        } finally {
            showingEngineMode = false;
        }
    }

    private void modeChosen(boolean on) {
        if (showingEngineMode || recovery == null) {
            return;
        }
        if (on && !dialogs.confirm("Turn automatic recovery on?", "When the engine detects a disaster scenario, it "
                + "executes the matching plan at once, for real, without asking first. Approval steps still wait for "
                + "someone at this window, and are refused when nobody can answer. A plan is not started automatically "
                + "again within 10 minutes.", "Turn automatic on")) {
            setQuietly(false);
            modeMessage.set(StatusLine.plain("Still ask: nothing runs without you"));
            return;
        }
        RecoveryMode wanted = on ? RecoveryMode.AUTOMATIC : RecoveryMode.ASK;
        modeInFlight = wanted;
        DisasterRecoveryCoordinator coordinator = recovery;
        tasks.execute(progress -> {
            coordinator.setMode(wanted);
            return wanted;
        }, progress -> { }, done -> {
            modeInFlight = null;
            showMode(done);
            modeMessage.set(StatusLine.plain(""));
            afterModeChange.run();
        }, failure -> {
            modeInFlight = null;
            setQuietly(!on);
            modeMessage.set(StatusLine.bad("Could not switch the mode: " + RecoveryViewModel.message(failure)));
        });
    }

    /** What detection matches now, one line per scenario with its signals; a quiet line when nothing. */
    public ObservableList<StatusLine> scenarios() {
        return scenariosReadOnly;
    }

    /** The most specific scenario detected now, for the banner; empty when nothing is. */
    public ReadOnlyStringProperty alarmProperty() {
        return alarm.getReadOnlyProperty();
    }

    /** Whether "Run plan…" is offered: a scenario is detected and the mode is ask. */
    public ReadOnlyBooleanProperty canRunDetectedProperty() {
        return canRunDetected.getReadOnlyProperty();
    }

    /** The mode switch: true automatic, false ask. Turning it on asks first. */
    public BooleanProperty automaticProperty() {
        return automatic;
    }

    /** Whether the engine runs (the switch can move). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** What the mode means, in a line. */
    public ReadOnlyStringProperty modeTextProperty() {
        return modeText.getReadOnlyProperty();
    }

    /** Why the switch did not move, or nothing. */
    public ReadOnlyObjectProperty<StatusLine> modeMessageProperty() {
        return modeMessage.getReadOnlyProperty();
    }
}
