package dev.scaledeck.ui.health;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.failover.EndpointStatus;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.failover.FailoverState;
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
import java.util.Locale;
import java.util.Optional;

/**
 * The application's health: the overall status, every check with its latest result and its
 * recent history, and "check now". The sampler brings the latest periodic round; "check now"
 * runs a round at once through the {@link TaskExecutor} (it may take the check timeout).
 * When a database failover pair is configured, its state: which endpoint is active since when,
 * each endpoint's latest checks, and how often it switched.
 */
public final class HealthViewModel implements LiveViewModel {

    /** Recent results shown per check. */
    public static final int HISTORY_SHOWN = 20;
    /** An endpoint's last check detail is cut to this many characters. */
    static final int DETAIL_SHOWN = 100;

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
    private final ReadOnlyStringWrapper failoverHeadline = new ReadOnlyStringWrapper(this, "failoverHeadline", "");
    private final ReadOnlyStringWrapper failoverStyle = new ReadOnlyStringWrapper(this, "failoverStyle", StatusStyles.SEVERITY_NONE);
    private final ReadOnlyStringWrapper failoverPrimary = new ReadOnlyStringWrapper(this, "failoverPrimary", "");
    private final ReadOnlyStringWrapper failoverPrimaryStyle = new ReadOnlyStringWrapper(this, "failoverPrimaryStyle", StatusStyles.UNKNOWN);
    private final ReadOnlyStringWrapper failoverSecondary = new ReadOnlyStringWrapper(this, "failoverSecondary", "");
    private final ReadOnlyStringWrapper failoverSecondaryStyle = new ReadOnlyStringWrapper(this, "failoverSecondaryStyle", StatusStyles.UNKNOWN);
    private final ReadOnlyStringWrapper failoverCounters = new ReadOnlyStringWrapper(this, "failoverCounters", "");
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
        showFailover(snapshot.failover());
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

    private void showFailover(Optional<FailoverSnapshot> snapshot) {
        if (snapshot.isEmpty()) {
            failoverVisible.set(false);
            failoverHeadline.set("");
            failoverStyle.set(StatusStyles.SEVERITY_NONE);
            failoverPrimary.set("");
            failoverPrimaryStyle.set(StatusStyles.UNKNOWN);
            failoverSecondary.set("");
            failoverSecondaryStyle.set(StatusStyles.UNKNOWN);
            failoverCounters.set("");
            return;
        }
        FailoverSnapshot f = snapshot.get();
        String since = f.since() == null ? Formats.NONE : Formats.clock(f.since(), zone);
        String reason = f.lastSwitchReason();
        failoverHeadline.set(switch (f.state()) {
            case ON_PRIMARY -> "On primary since " + since + (reason == null ? "" : " (last switch: " + reason + ")");
            case ON_SECONDARY -> "On SECONDARY since " + since + (reason == null ? "" : " (failed over: " + reason + ")");
            case FAILING_OVER -> "Failing over to SECONDARY since " + since + " (primary still active)";
            case FAILING_BACK -> "Failing back to primary since " + since + " (SECONDARY still active)";
        });
        failoverStyle.set(f.state().switching() ? StatusStyles.SEVERITY_CRITICAL
                : f.state() == FailoverState.ON_SECONDARY ? StatusStyles.SEVERITY_WARNING
                : StatusStyles.SEVERITY_NONE);
        failoverPrimary.set(endpointLine(f.primary()));
        failoverPrimaryStyle.set(endpointStyle(f.primary()));
        failoverSecondary.set(endpointLine(f.secondary()));
        failoverSecondaryStyle.set(endpointStyle(f.secondary()));
        failoverCounters.set("failovers " + f.failovers() + " · failbacks " + f.failbacks());
        failoverVisible.set(true);
    }

    /** {@code primary jdbc:postgresql://… — healthy, 5 good checks in a row}. */
    private static String endpointLine(EndpointStatus e) {
        String head = e.role().name().toLowerCase(Locale.ROOT) + " " + e.endpoint() + " — ";
        if (e.lastCheckedAt() == null) {
            return head + "not checked yet";
        }
        if (e.healthy()) {
            return head + "healthy, " + e.consecutiveSuccesses()
                    + (e.consecutiveSuccesses() == 1 ? " good check in a row" : " good checks in a row");
        }
        String detail = e.lastDetail() == null || e.lastDetail().isBlank() ? "" : ": " + shorten(e.lastDetail().strip());
        return head + "down" + detail + ", " + e.consecutiveFailures()
                + (e.consecutiveFailures() == 1 ? " failure in a row" : " failures in a row");
    }

    private static String endpointStyle(EndpointStatus e) {
        return e.lastCheckedAt() == null ? StatusStyles.UNKNOWN : e.healthy() ? StatusStyles.GOOD : StatusStyles.BAD;
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= DETAIL_SHOWN ? oneLine : oneLine.substring(0, DETAIL_SHOWN - 1) + "…";
    }

    /** Whether a database failover pair is configured (and the card shows). */
    public ReadOnlyBooleanProperty failoverVisibleProperty() {
        return failoverVisible.getReadOnlyProperty();
    }

    /** {@code On primary since 20:41:07}, {@code On SECONDARY since 20:41:07 (failed over: …)}. */
    public ReadOnlyStringProperty failoverHeadlineProperty() {
        return failoverHeadline.getReadOnlyProperty();
    }

    /** Normal on the primary, warning on the secondary, critical while switching. */
    public ReadOnlyStringProperty failoverStyleProperty() {
        return failoverStyle.getReadOnlyProperty();
    }

    /** {@code primary jdbc:postgresql://… — healthy, 5 good checks in a row}. */
    public ReadOnlyStringProperty failoverPrimaryProperty() {
        return failoverPrimary.getReadOnlyProperty();
    }

    /** Good when its last check passed, bad when it failed, unknown before the first. */
    public ReadOnlyStringProperty failoverPrimaryStyleProperty() {
        return failoverPrimaryStyle.getReadOnlyProperty();
    }

    /** {@code secondary jdbc:postgresql://… — down: connection refused, 3 failures in a row}. */
    public ReadOnlyStringProperty failoverSecondaryProperty() {
        return failoverSecondary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failoverSecondaryStyleProperty() {
        return failoverSecondaryStyle.getReadOnlyProperty();
    }

    /** {@code failovers 1 · failbacks 0}. */
    public ReadOnlyStringProperty failoverCountersProperty() {
        return failoverCounters.getReadOnlyProperty();
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
