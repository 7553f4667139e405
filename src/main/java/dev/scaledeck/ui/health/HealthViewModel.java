package dev.scaledeck.ui.health;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.health.HealthReport;
import dev.scaledeck.engine.health.HealthResult;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.List;

/**
 * The application's health: the overall status, every check with its latest result and its
 * recent history, and "check now". The sampler brings the latest periodic round; "check now"
 * runs a round at once through the {@link TaskExecutor} (it may take the check timeout).
 * For every failover the engine runs (the database's first, then each HTTP service with a standby),
 * its state: which endpoint is active since when, each endpoint's latest checks, and how often it
 * switched.
 */
public final class HealthViewModel implements LiveViewModel {

    /** Recent results shown per check. */
    public static final int HISTORY_SHOWN = 20;

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private ScalingEngine engine;
    /** The newest report shown, so an older sampler snapshot does not undo a "check now". */
    private HealthReport shown;

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", Formats.NONE);
    private final ReadOnlyStringWrapper statusStyle = new ReadOnlyStringWrapper(this, "statusStyle", StatusStyles.UNKNOWN);
    private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper(this, "statusDetail", "Waiting for the engine");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper checkStatus = new ReadOnlyStringWrapper(this, "checkStatus", "");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyBooleanWrapper canCheckNow = new ReadOnlyBooleanWrapper(this, "canCheckNow");
    private final ReadOnlyBooleanWrapper failoverVisible = new ReadOnlyBooleanWrapper(this, "failoverVisible");
    private final ObservableList<FailoverItem> failovers = FXCollections.observableArrayList();
    private final ObservableList<FailoverItem> failoversReadOnly = FXCollections.unmodifiableObservableList(failovers);
    private final ObservableList<HealthCheckRow> checks = FXCollections.observableArrayList();
    private final ObservableList<HealthCheckRow> checksReadOnly = FXCollections.unmodifiableObservableList(checks);

    public HealthViewModel(TaskExecutor tasks, DialogService dialogs) {
        this(tasks, dialogs, ZoneId.systemDefault());
    }

    /** @param zone for the times checks ran */
    public HealthViewModel(TaskExecutor tasks, DialogService dialogs, ZoneId zone) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        ready.addListener((obs, old, now) -> canCheckNow.set(now && !checking.get()));
        checking.addListener((obs, old, now) -> canCheckNow.set(ready.get() && !now));
    }

    @Override
    public void engineStarted(ScalingEngine engine) {
        this.engine = engine;
        ready.set(true);
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        show(snapshot.health());
        showFailovers(snapshot.failovers());
    }

    /** Runs every check now, off the UI thread; the button is disabled meanwhile. */
    public void checkNow() {
        if (!canCheckNow.get()) {
            return;
        }
        checking.set(true);
        checkStatus.set("Running every check…");
        tasks.execute(progress -> engine.health().checkNow(), progress -> { }, report -> {
            checking.set(false);
            show(report);
            checkStatus.set("Checked at " + Formats.clock(report.time(), zone));
        }, failure -> {
            checking.set(false);
            checkStatus.set("The checks could not run");
            dialogs.showError("Could not run the health checks",
                    failure.getMessage() == null ? failure.toString() : failure.getMessage(), failure);
        });
    }

    private void show(HealthReport report) {
        if (shown != null && report.time().isBefore(shown.time())) {
            return;
        }
        shown = report;
        List<HealthCheckRow> rows = report.checks().values().stream()
                .map(r -> HealthCheckRow.of(r, report.history().getOrDefault(r.check(), List.of(r)), zone))
                .toList();
        ObservableLists.replaceIfChanged(checks, rows);
        if (rows.isEmpty()) {
            status.set(Formats.NONE);
            statusStyle.set(StatusStyles.UNKNOWN);
            statusDetail.set("No check has run yet");
            summary.set("Waiting for the first round of checks");
            return;
        }
        status.set(report.status().name());
        statusStyle.set(StatusStyles.of(report.status()));
        List<String> failing = report.failing();
        statusDetail.set(failing.isEmpty() ? "all " + rows.size() + " checks UP"
                : failing.size() + " of " + rows.size() + " checks not UP: " + String.join(", ", failing));
        summary.set(rows.size() + " checks · last round at " + Formats.clock(report.time(), zone));
    }

    private void showFailovers(List<FailoverSnapshot> snapshots) {
        ObservableLists.replaceIfChanged(failovers, snapshots.stream().map(f -> FailoverItem.of(f, zone)).toList());
        failoverVisible.set(!failovers.isEmpty());
    }

    /** Whether any failover is configured (and the card shows). */
    public ReadOnlyBooleanProperty failoverVisibleProperty() {
        return failoverVisible.getReadOnlyProperty();
    }

    /** Every failover, the database's first, then each HTTP service with a standby; empty when none. */
    public ObservableList<FailoverItem> failovers() {
        return failoversReadOnly;
    }

    /** Every check, in registration order. */
    public ObservableList<HealthCheckRow> checks() {
        return checksReadOnly;
    }

    /** UP, DEGRADED or DOWN; {@link Formats#NONE} before the first round. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusStyleProperty() {
        return statusStyle.getReadOnlyProperty();
    }

    /** {@code 1 of 4 checks not UP: disk}. */
    public ReadOnlyStringProperty statusDetailProperty() {
        return statusDetail.getReadOnlyProperty();
    }

    /** {@code 4 checks · last round at 14:03:12}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What "check now" is doing or did. */
    public ReadOnlyStringProperty checkStatusProperty() {
        return checkStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** Whether "check now" may run: the engine runs and no round of ours is running. */
    public ReadOnlyBooleanProperty canCheckNowProperty() {
        return canCheckNow.getReadOnlyProperty();
    }
}
