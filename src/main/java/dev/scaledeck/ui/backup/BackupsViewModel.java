package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupManifest;
import dev.scaledeck.engine.backup.RestorePreview;
import dev.scaledeck.engine.backup.VerificationResult;
import dev.scaledeck.engine.util.Sizes;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.Parsed;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Backups: every backup in the repository with its verification and second copies; "back up
 * now" of the whole database or one user; verify and restore the selected backup (a restore
 * shows what it will change and asks first, and saves the current rows before); restore to a
 * point in time ({@link PointInTimeViewModel}); the schedules, retention, second copies and the
 * RPO of each scope. Listing reads the manifests on disk, so it runs in the background, at most
 * every {@link #REFRESH_EVERY} and after each operation, not on every sampler tick. One
 * operation runs at a time, through the {@link TaskExecutor}, with the engine's progress.
 */
public final class BackupsViewModel implements LiveViewModel {

    /** How often the listing is read again while nothing happens. */
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final BackupOperations ops;
    private final PointInTimeViewModel pointInTime;
    private ScalingEngine engine;
    private Instant lastRefresh;
    private boolean refreshing;
    private boolean refreshAgain;
    /** A new backup, to select once it is listed. */
    private String selectWhenListed;

    private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
    private final ObservableList<BackupRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<BackupRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty userIdText = new SimpleStringProperty(this, "userIdText", "");
    private final ReadOnlyObjectWrapper<StatusLine> userIdMessage = new ReadOnlyObjectWrapper<>(this, "userIdMessage",
            StatusLine.plain(""));
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper canFullBackup = new ReadOnlyBooleanWrapper(this, "canFullBackup");
    private final ReadOnlyBooleanWrapper canUserBackup = new ReadOnlyBooleanWrapper(this, "canUserBackup");
    private final ReadOnlyBooleanWrapper canVerify = new ReadOnlyBooleanWrapper(this, "canVerify");
    private final ReadOnlyBooleanWrapper canRestore = new ReadOnlyBooleanWrapper(this, "canRestore");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the engine");
    private final ReadOnlyStringWrapper selectionText = new ReadOnlyStringWrapper(this, "selectionText", "");
    private final ReadOnlyStringWrapper retention = new ReadOnlyStringWrapper(this, "retention", "");
    private final ReadOnlyStringWrapper copies = new ReadOnlyStringWrapper(this, "copies", "");
    private final ObservableList<StatusLine> schedules = FXCollections.observableArrayList();
    private final ObservableList<StatusLine> schedulesReadOnly = FXCollections.unmodifiableObservableList(schedules);
    private final ObservableList<StatusLine> rpo = FXCollections.observableArrayList();
    private final ObservableList<StatusLine> rpoReadOnly = FXCollections.unmodifiableObservableList(rpo);

    public BackupsViewModel(TaskExecutor tasks, DialogService dialogs) {
        this(tasks, dialogs, ZoneId.systemDefault(), Clock.systemUTC());
    }

    /**
     * @param zone  the operator's time zone: times shown and typed are local to it
     * @param clock what "now" is, for times that must not be in the future
     */
    public BackupsViewModel(TaskExecutor tasks, DialogService dialogs, ZoneId zone, Clock clock) {
        this.tasks = tasks;
        this.zone = zone;
        this.ops = new BackupOperations(tasks, dialogs, this::refresh);
        this.pointInTime = new PointInTimeViewModel(ops, zone, clock);
        selected.addListener((obs, old, now) -> refreshActions());
        userIdText.addListener((obs, old, now) -> refreshActions());
        ops.busyProperty().addListener((obs, old, now) -> refreshActions());
        refreshActions();
    }

    @Override
    public void engineStarted(ScalingEngine engine) {
        this.engine = engine;
        pointInTime.engineStarted(engine);
        ready.set(true);
        retention.set(BackupTexts.retention(engine.backups().config().retention()));
        copies.set(BackupTexts.copies(engine.backups().config().copies()));
        refreshActions();
        refresh();
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        pointInTime.revalidate();
        if (engine != null && (lastRefresh == null
                || !snapshot.time().isBefore(lastRefresh.plus(REFRESH_EVERY)))) {
            lastRefresh = snapshot.time();
            refresh();
        }
    }

    /** Reads the listing again in the background; one read at a time, another right after when asked meanwhile. */
    public void refresh() {
        if (engine == null) {
            return;
        }
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        BackupCenter center = engine.backups();
        tasks.execute(progress -> center.overview(), progress -> { }, overview -> {
            refreshDone();
            show(overview);
        }, failure -> {
            refreshDone();
            summary.set("Cannot list the backups in " + center.repository().directory() + ": "
                    + BackupOperations.message(failure));
        });
    }

    private void refreshDone() {
        refreshing = false;
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    private void show(BackupCenter.Overview overview) {
        String keep = selectWhenListed != null ? selectWhenListed : selected.get() == null ? null : selected.get().id();
        ObservableLists.replaceIfChanged(rows, overview.backups().stream().map(l -> BackupRow.of(l, zone)).toList());
        select(keep);
        if (selected.get() != null) {
            selectWhenListed = null;
        }
        ObservableLists.replaceIfChanged(schedules, overview.schedules().isEmpty()
                ? List.of(StatusLine.plain("No schedules: backups are taken only when you start one here or from the CLI."))
                : overview.schedules().stream().map(s -> BackupTexts.schedule(s, zone)).toList());
        ObservableLists.replaceIfChanged(rpo, overview.rpo().isEmpty()
                ? List.of(StatusLine.plain("No scheduled scope to watch."))
                : overview.rpo().stream().map(BackupTexts::rpo).toList());
        summary.set(summaryText(overview.backups()));
        pointInTime.show(overview);
    }

    private String summaryText(List<BackupListing> listings) {
        String where = " in " + engine.backups().repository().directory();
        if (listings.isEmpty()) {
            return "No backups yet" + where;
        }
        long bytes = listings.stream().mapToLong(l -> l.backup().sizeBytes()).sum();
        long failed = listings.stream().filter(l -> l.backup().lastVerification().map(v -> !v.ok()).orElse(false)).count();
        long unverified = listings.stream().filter(l -> l.backup().lastVerification().isEmpty()).count();
        return listings.size() + (listings.size() == 1 ? " backup, " : " backups, ") + Sizes.human(bytes) + where
                + " · newest " + BackupTexts.dateTime(listings.get(0).createdAt(), zone)
                + (failed > 0 ? " · " + failed + " FAILED verification" : "")
                + (unverified > 0 ? " · " + unverified + " not verified" : "");
    }

    private void refreshActions() {
        boolean can = engine != null && !ops.busy();
        BackupRow row = selected.get();
        Parsed<Long> user = BackupInputs.userId(userIdText.get());
        canFullBackup.set(can);
        canUserBackup.set(can && user.ok());
        canVerify.set(can && row != null);
        canRestore.set(can && row != null);
        userIdMessage.set(user.problem() != null ? new StatusLine(user.problem(), StatusStyles.BAD) : StatusLine.plain(""));
        selectionText.set(row == null ? "Select a backup to verify or restore it"
                : "Selected: " + row.id() + " (" + row.scope() + ")");
        pointInTime.refreshActions();
    }

    /** Backs up every table now. */
    public void fullBackup() {
        if (canFullBackup.get()) {
            backUp("Taking a full backup", "The full backup failed", p -> engine.backups().createFullBackup(p));
        }
    }

    /** Backs up the rows of the user in {@link #userIdTextProperty()} now. */
    public void userBackup() {
        if (!canUserBackup.get()) {
            return;
        }
        long userId = BackupInputs.userId(userIdText.get()).value();
        backUp("Backing up user " + userId, "The backup of user " + userId + " failed",
                p -> engine.backups().createUserBackup(userId, p));
    }

    private void backUp(String doing, String failureTitle, BackupOperations.Work<BackupManifest> work) {
        ops.stage(doing, failureTitle, work, m -> {
            selectWhenListed = m.id();
            ops.say("Backup " + m.id() + " taken (" + m.describe() + "): " + Formats.count(m.totalRows()) + " rows in "
                    + m.tables().size() + " tables. Verify it to be sure it can be restored.");
        });
    }

    /** Checks the selected backup's checksums and restores it into a scratch database; problems go to a dialog. */
    public void verify() {
        BackupRow row = canVerify.get() ? selected.get() : null;
        if (row == null) {
            return;
        }
        String id = row.id();
        ops.stage("Verifying " + id, "Could not verify " + id, p -> engine.backups().verify(id, p),
                (VerificationResult r) -> {
                    ops.say(BackupTexts.verified(r));
                    if (!r.ok()) {
                        ops.dialogs().showError("Backup " + id + " failed verification", BackupTexts.problems(r), null);
                    }
                });
    }

    /**
     * Restores the selected backup into the live database: previews what changes, asks with
     * that preview, and only then restores (saving the current rows first).
     */
    public void restore() {
        BackupRow row = canRestore.get() ? selected.get() : null;
        if (row == null) {
            return;
        }
        String id = row.id();
        String what = "Restoring backup " + id + " (" + row.scope() + ", taken " + row.takenAt() + ")";
        ops.stage("Comparing " + id + " with the database", "Could not preview the restore of " + id,
                p -> engine.backups().previewRestore(id, Optional.empty()), (RestorePreview preview) -> {
                    String message = BackupTexts.preview(what, preview, "The current rows are saved first as a new "
                            + "backup, so this restore can be undone by restoring that one.");
                    if (!ops.dialogs().confirm("Restore backup " + id + "?", message, "Restore " + id)) {
                        ops.say("Restore of " + id + " cancelled: nothing changed");
                        return;
                    }
                    ops.stage("Restoring " + id, "The restore of " + id + " failed",
                            p -> engine.backups().restore(id, Optional.empty(), p),
                            done -> ops.say(BackupTexts.restored("Restored " + id + " (" + row.scope() + ")", done)));
                });
    }

    /** Selects the backup with this id, or nothing when it is not listed. */
    public void select(String id) {
        selected.set(id == null ? null : rows.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null));
    }

    /** Restore to a point in time: its inputs and actions. */
    public PointInTimeViewModel pointInTime() {
        return pointInTime;
    }

    /** Every backup, newest first. */
    public ObservableList<BackupRow> backups() {
        return rowsReadOnly;
    }

    /** The backup Verify and Restore act on; the view sets it from the table's selection. */
    public ObjectProperty<BackupRow> selectedProperty() {
        return selected;
    }

    /** The user whose rows "User backup" takes. */
    public StringProperty userIdTextProperty() {
        return userIdText;
    }

    /** What is wrong with the user id typed, in {@link StatusStyles#BAD}; empty text when nothing is. */
    public ReadOnlyObjectProperty<StatusLine> userIdMessageProperty() {
        return userIdMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Whether an operation runs (backup, verify, restore, point in time). */
    public ReadOnlyBooleanProperty busyProperty() {
        return ops.busyProperty();
    }

    /** What the running operation does now, e.g. {@code Copying public.users (1 of 4)}. */
    public ReadOnlyStringProperty progressStepProperty() {
        return ops.stepProperty();
    }

    /** How far it is, 0..1, or -1 while it has not said. */
    public ReadOnlyDoubleProperty progressProperty() {
        return ops.fractionProperty();
    }

    /** What the last operation did, or is doing. */
    public ReadOnlyStringProperty statusProperty() {
        return ops.statusProperty();
    }

    public ReadOnlyBooleanProperty canFullBackupProperty() {
        return canFullBackup.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUserBackupProperty() {
        return canUserBackup.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canVerifyProperty() {
        return canVerify.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestoreProperty() {
        return canRestore.getReadOnlyProperty();
    }

    /** {@code 4 backups, 1.2 MB in /home/ops/.scaledeck/backups · newest 2026-11-26 14:05:00 · 1 not verified}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Which backup the buttons act on. */
    public ReadOnlyStringProperty selectionTextProperty() {
        return selectionText.getReadOnlyProperty();
    }

    /** Each configured schedule's state, local times; amber when runs were missed. */
    public ObservableList<StatusLine> schedules() {
        return schedulesReadOnly;
    }

    /** Each watched scope against the RPO: over amber, within green. */
    public ObservableList<StatusLine> rpo() {
        return rpoReadOnly;
    }

    /** What the retention policy keeps, in words. */
    public ReadOnlyStringProperty retentionProperty() {
        return retention.getReadOnlyProperty();
    }

    /** Where second copies go, or that none are configured. */
    public ReadOnlyStringProperty copiesProperty() {
        return copies.getReadOnlyProperty();
    }
}
