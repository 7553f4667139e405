package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.ImpactAssessment;
import dev.scaledeck.engine.recovery.ImpactReport;
import dev.scaledeck.engine.util.PrivateFile;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.TaskExecutor;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The business impact of every plan's scenario: users affected, data at risk against the RPO,
 * expected downtime against the RTO, cost and status. Assessing counts users in the database, so
 * it runs in the background, when asked and after a drill; "Save report…" writes the Markdown
 * report for management to a file only its owner may read. UI thread only.
 */
public final class ImpactViewModel {

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Clock clock;
    private DisasterRecoveryCoordinator recovery;
    private Path home;
    private ImpactAssessment latest;

    private final ObservableList<ImpactRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ImpactRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canRefresh = new ReadOnlyBooleanWrapper(this, "canRefresh");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");
    private final ObjectProperty<ImpactRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper findings = new ReadOnlyStringWrapper(this, "findings", "");
    private final ReadOnlyObjectWrapper<StatusLine> status = new ReadOnlyObjectWrapper<>(this, "status",
            StatusLine.plain("Not assessed yet"));

    ImpactViewModel(TaskExecutor tasks, DialogService dialogs, ZoneId zone, Clock clock) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.clock = clock;
        busy.addListener((obs, old, now) -> refreshActions());
        selected.addListener((obs, old, now) -> findings.set(now == null ? "Select a plan to read its findings"
                : now.plan() + ": " + now.findings()));
        findings.set("Select a plan to read its findings");
    }

    /** @param home the data directory: reports are suggested under its {@code recovery/} */
    void engineStarted(DisasterRecoveryCoordinator coordinator, Path home) {
        this.recovery = coordinator;
        this.home = home;
        refreshActions();
        refresh();
    }

    private void refreshActions() {
        canRefresh.set(recovery != null && !busy.get());
        canSave.set(latest != null && !busy.get());
    }

    /** Assesses every plan again, in the background. */
    public void refresh() {
        if (!canRefresh.get()) {
            return;
        }
        busy.set(true);
        status.set(StatusLine.plain("Assessing the impact of every plan's scenario…"));
        DisasterRecoveryCoordinator coordinator = recovery;
        tasks.execute(progress -> coordinator.assess(), progress -> { }, assessment -> {
            latest = assessment;
            String keep = selected.get() == null ? null : selected.get().planId();
            ObservableLists.replaceIfChanged(rows, assessment.plans().stream().map(ImpactRow::of).toList());
            selected.set(rows.stream().filter(r -> r.planId().equals(keep)).findFirst().orElse(null));
            busy.set(false);
            status.set(StatusLine.plain(assessment.plans().isEmpty() ? "No plans to assess"
                    : "Assessed at " + Formats.dateTime(assessment.at(), zone) + ". Data at risk is the age of the newest "
                    + "verified full backup; the expected downtime is the RTO the plan's last successful drill measured."));
        }, failure -> {
            busy.set(false);
            status.set(StatusLine.bad("Could not assess the impact: " + RecoveryViewModel.message(failure)));
        });
    }

    /** Asks where to save the latest assessment as Markdown (suggesting HOME/recovery/impact-DATE.md) and writes it, mode 0600. */
    public void saveReport() {
        if (!canSave.get()) {
            return;
        }
        ImpactAssessment assessment = latest;
        Path suggested = home.resolve("recovery").resolve("impact-" + LocalDate.now(clock.withZone(zone)) + ".md");
        Path file = dialogs.chooseFileToSave("Save the impact report", suggested).orElse(null);
        if (file == null) {
            status.set(StatusLine.plain("Report not saved"));
            return;
        }
        busy.set(true);
        tasks.execute(progress -> {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return PrivateFile.write(file, ImpactReport.markdown(assessment));
        }, progress -> { }, saved -> {
            busy.set(false);
            status.set(StatusLine.good("Saved the impact report to " + saved + " (readable by you only)"));
        }, failure -> {
            busy.set(false);
            status.set(StatusLine.bad("Could not save the report to " + file + ": " + RecoveryViewModel.message(failure)));
        });
    }

    /** Every plan's impact, as last assessed. */
    public ObservableList<ImpactRow> rows() {
        return rowsReadOnly;
    }

    /** The plan whose findings show in full; the view sets it from the table's selection. */
    public ObjectProperty<ImpactRow> selectedProperty() {
        return selected;
    }

    /** The selected plan's findings in full, or what to do to see them. */
    public ReadOnlyStringProperty findingsProperty() {
        return findings.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRefreshProperty() {
        return canRefresh.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** When it was assessed, what is under way, or what failed. */
    public ReadOnlyObjectProperty<StatusLine> statusProperty() {
        return status.getReadOnlyProperty();
    }
}
