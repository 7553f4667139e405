package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupSchedule;
import dev.scaledeck.engine.backup.RpoWatch;
import dev.scaledeck.engine.backup.pitr.BaseBackup;
import dev.scaledeck.engine.backup.pitr.BaseBackups;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Backups section lists, read from the engine in one go off the UI thread: it
 * reads the manifests in the repository, so it touches the disk. Immutable.
 *
 * @param backups     newest first
 * @param schedules   each configured schedule's state
 * @param rpo         each watched scope against the RPO
 * @param pitr        whether point-in-time recovery can run here
 * @param baseBackups the base backups point-in-time recovery starts from, newest first; empty without them
 */
record BackupsOverview(List<BackupListing> backups, List<BackupSchedule.Status> schedules, List<RpoWatch.Status> rpo,
                       BackupCenter.PitrSupport pitr, List<BaseBackup> baseBackups) {

    BackupsOverview {
        backups = List.copyOf(backups);
        schedules = List.copyOf(schedules);
        rpo = List.copyOf(rpo);
        baseBackups = List.copyOf(baseBackups);
    }

    /** Reads it now; blocks on the disk. The RPO check raises or clears its alerts as the engine's own check does. */
    static BackupsOverview read(BackupCenter center) throws IOException {
        Optional<BaseBackups> bases = center.baseBackups();
        return new BackupsOverview(center.list(), center.scheduleStatus(), center.checkRpo(), center.pitrSupport(),
                bases.isPresent() ? bases.get().list() : List.of());
    }
}
