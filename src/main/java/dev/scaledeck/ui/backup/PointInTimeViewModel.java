package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.pitr.BaseBackup;
import dev.scaledeck.engine.backup.pitr.RecoveredCluster;
import dev.scaledeck.engine.util.Sizes;
import dev.scaledeck.ui.common.Parsed;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Restore to a point in time, part of {@link BackupsViewModel}: one user's rows as they were at
 * a date and time (recovered from a base backup and the WAL archive, previewed, confirmed,
 * applied), or the whole database recovered into a copy kept on disk, plus taking the base
 * backup recovery starts from. Only where the engine has the cluster's files; otherwise the
 * controls are disabled and the engine's reason shows. UI thread only.
 */
public final class PointInTimeViewModel {

    private final BackupOperations ops;
    private final ZoneId zone;
    private final Clock clock;
    private ScalingEngine engine;

    private final StringProperty userIdText = new SimpleStringProperty(this, "userIdText", "");
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>(this, "date");
    private final StringProperty timeText = new SimpleStringProperty(this, "timeText", "");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyObjectWrapper<StatusLine> availability = new ReadOnlyObjectWrapper<>(this, "availability",
            StatusLine.plain("Waiting for the engine"));
    private final ReadOnlyObjectWrapper<StatusLine> message = new ReadOnlyObjectWrapper<>(this, "message",
            StatusLine.plain(""));
    private final ReadOnlyBooleanWrapper canRestoreUser = new ReadOnlyBooleanWrapper(this, "canRestoreUser");
    private final ReadOnlyBooleanWrapper canRecover = new ReadOnlyBooleanWrapper(this, "canRecover");
    private final ReadOnlyBooleanWrapper canTakeBaseBackup = new ReadOnlyBooleanWrapper(this, "canTakeBaseBackup");

    PointInTimeViewModel(BackupOperations ops, ZoneId zone, Clock clock) {
        this.ops = ops;
        this.zone = zone;
        this.clock = clock;
        date.set(LocalDate.ofInstant(clock.instant(), zone));
        userIdText.addListener((obs, old, now) -> refreshActions());
        date.addListener((obs, old, now) -> refreshActions());
        timeText.addListener((obs, old, now) -> refreshActions());
    }

    void engineStarted(ScalingEngine engine) {
        this.engine = engine;
        availability.set(StatusLine.plain("Checking whether point-in-time recovery is possible here…"));
    }

    /** Takes what the latest listing says about point-in-time recovery. */
    void show(BackupCenter.Overview overview) {
        BackupCenter.PitrSupport pitr = overview.pitr();
        available.set(pitr.available());
        List<BaseBackup> bases = overview.baseBackups();
        if (!pitr.available()) {
            availability.set(new StatusLine("Not available: " + pitr.reason() + ".", StatusStyles.DEGRADED));
        } else if (bases.isEmpty()) {
            availability.set(new StatusLine("No base backup yet: take one, and from its end on any time can be "
                    + "recovered (" + pitr.reason() + ").", StatusStyles.DEGRADED));
        } else {
            BaseBackup oldest = bases.get(bases.size() - 1);
            availability.set(StatusLine.plain("Any time since " + BackupTexts.dateTime(oldest.stopTime(), zone)
                    + " can be recovered: " + bases.size() + (bases.size() == 1 ? " base backup" : " base backups")
                    + ", newest " + BackupTexts.dateTime(bases.get(0).stopTime(), zone) + ", and the "
                    + pitr.reason() + "."));
        }
        refreshActions();
    }

    /** Checks the inputs again: a time that was in the future may have passed. */
    void revalidate() {
        refreshActions();
    }

    void refreshActions() {
        Parsed<Long> user = BackupInputs.userId(userIdText.get());
        Parsed<Instant> at = atTime();
        boolean can = engine != null && available.get() && !ops.busy();
        canTakeBaseBackup.set(can);
        canRecover.set(can && at.ok());
        canRestoreUser.set(can && at.ok() && user.ok());
        message.set(messageFor(user, at));
    }

    private Parsed<Instant> atTime() {
        return BackupInputs.pointInTime(date.get(), timeText.get(), clock.instant(), zone);
    }

    private StatusLine messageFor(Parsed<Long> user, Parsed<Instant> at) {
        if (!available.get()) {
            return StatusLine.plain("");
        }
        if (user.problem() != null) {
            return new StatusLine(user.problem(), StatusStyles.BAD);
        }
        if (at.problem() != null) {
            return new StatusLine(at.problem(), StatusStyles.BAD);
        }
        if (!at.ok()) {
            return StatusLine.plain("Enter the time to go back to (" + BackupInputs.TIME_FORMS + ", " + zone
                    + " time), and a user id to restore one user's rows.");
        }
        String when = BackupTexts.dateTime(at.value(), zone) + " (" + zone + ")";
        return StatusLine.plain(user.ok() ? "User " + user.value() + "'s rows as they were at " + when + "."
                : "As of " + when + ": enter a user id to restore one user, or recover the whole database.");
    }

    /**
     * Recovers the database as of the time entered (this takes a while), previews replacing the
     * user's rows with theirs of then, asks with that preview, and applies it when confirmed. The
     * recovered copy is closed in every case.
     */
    public void restoreUserAsOf() {
        if (!canRestoreUser.get()) {
            return;
        }
        long userId = BackupInputs.userId(userIdText.get()).value();
        Instant at = atTime().value();
        String when = BackupTexts.dateTime(at, zone);
        ops.stage("Recovering the database as of " + when + " to read user " + userId + "'s rows",
                "Could not recover user " + userId + " as of " + when,
                p -> engine.backups().prepareUserAsOf(userId, at, p), prepared -> {
                    boolean go;
                    try {
                        go = ops.dialogs().confirm("Restore user " + userId + " as of " + when + "?",
                                BackupTexts.preview("Replacing user " + userId + "'s rows with those as of " + when
                                        + " (recovered from base backup " + prepared.baseBackup().id() + " and the WAL archive)",
                                        prepared.preview(), "User " + userId + "'s current rows are saved first as a backup, "
                                                + "so this can be undone by restoring that one."),
                                "Restore user " + userId);
                    } catch (RuntimeException | Error e) {
                        closeUnused(prepared, "Restore of user " + userId + " as of " + when + " not done");
                        throw e;
                    }
                    if (!go) {
                        closeUnused(prepared, "Restore of user " + userId + " as of " + when + " cancelled: nothing changed");
                        return;
                    }
                    ops.stage("Restoring user " + userId + " as of " + when, "The restore of user " + userId + " as of "
                            + when + " failed", p -> {
                                try (prepared) {
                                    return prepared.apply(p);
                                }
                            }, done -> ops.say(BackupTexts.restored("Restored user " + userId + " as of " + when, done)));
                });
    }

    /** Stops the recovered copy a declined restore no longer needs (it blocks, so in the background). */
    private void closeUnused(BackupCenter.UserAsOf prepared, String outcome) {
        ops.stage("Closing the recovered copy", "Could not close the recovered copy", p -> {
            prepared.close();
            return outcome;
        }, ops::say);
    }

    /**
     * Recovers the whole database as of the time entered into a copy beside the live one, once
     * the operator confirms, keeps it on disk and says where it is and how to use it.
     */
    public void recoverCluster() {
        if (!canRecover.get()) {
            return;
        }
        Instant at = atTime().value();
        String when = BackupTexts.dateTime(at, zone);
        Path live = engine.config().home().resolve("postgres");
        if (!ops.dialogs().confirm("Recover the whole database as of " + when + "?", "ScaleDeck starts a copy of the "
                + "database from the nearest base backup before " + when + ", replays the WAL archive up to that time, "
                + "stops the copy and keeps it on disk. The live database keeps running and is not changed.\n\n"
                + "This takes a while. Afterwards you decide whether to replace the database with the copy.",
                "Recover a copy")) {
            ops.say("Recovery of the database as of " + when + " cancelled");
            return;
        }
        ops.stage("Recovering the whole database as of " + when, "Could not recover the database as of " + when, p -> {
            try (RecoveredCluster recovered = engine.backups().recoverCluster(at, p)) {
                recovered.keep();
                return recovered;
            }
        }, recovered -> ops.say("The database as of " + when + " (from base backup " + recovered.baseBackup().id()
                + ") is kept in " + recovered.dataDirectory() + ". To make it the database: stop ScaleDeck, move "
                + live + " aside (keep it until the copy is checked), move the kept directory to " + live
                + ", start ScaleDeck, and take a new base backup at once (the copy runs on a new timeline)."));
    }

    /** Takes a base backup of the database's files: point-in-time recovery can go back to its end from now on. */
    public void takeBaseBackup() {
        if (!canTakeBaseBackup.get()) {
            return;
        }
        ops.stage("Taking a base backup of the database files", "The base backup failed",
                p -> engine.backups().createBaseBackup(), base -> ops.say("Base backup " + base.id() + " taken ("
                        + Sizes.human(base.sizeBytes()) + "): any time since " + BackupTexts.dateTime(base.stopTime(), zone)
                        + " can be recovered."));
    }

    /** The user whose rows "Restore user as of…" restores. */
    public StringProperty userIdTextProperty() {
        return userIdText;
    }

    /** The date to go back to, local; today at first. */
    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    /** The time of day to go back to, {@value BackupInputs#TIME_FORMS}, local. */
    public StringProperty timeTextProperty() {
        return timeText;
    }

    /** Whether point-in-time recovery can run here at all; the controls are disabled otherwise. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** How far back recovery can go, or why it cannot run here (amber). */
    public ReadOnlyObjectProperty<StatusLine> availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    /** What is wrong with the inputs (red), or what the actions would do with them. */
    public ReadOnlyObjectProperty<StatusLine> messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestoreUserProperty() {
        return canRestoreUser.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRecoverProperty() {
        return canRecover.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canTakeBaseBackupProperty() {
        return canTakeBaseBackup.getReadOnlyProperty();
    }
}
