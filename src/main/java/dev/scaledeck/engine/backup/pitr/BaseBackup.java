package dev.scaledeck.engine.backup.pitr;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished base backup, as its {@code base.json} describes it: a copy of a data
 * directory plus the WAL positions between which it was taken. Recovery from it needs the
 * WAL archive from {@link #startLsn()} on. Immutable; a point-in-time view of what is on disk.
 *
 * @param id        the directory name under the backup root, e.g. {@code base-20250102T140500Z}
 * @param startTime when pg_backup_start returned, by the database server's clock
 * @param stopTime  when pg_backup_stop returned (its WAL archived), by the server's clock;
 *                  the backup can restore any moment after this
 * @param startLsn  the WAL position replay starts from, e.g. {@code 0/2000028}
 * @param stopLsn   the WAL position replay must reach before the copy is consistent
 * @param timeline  the server's timeline when the backup started
 * @param source    the database it was taken from, password masked
 * @param sizeBytes bytes copied from the data directory
 * @param directory {@code root/<id>}
 */
public record BaseBackup(String id, Instant startTime, Instant stopTime, String startLsn, String stopLsn,
                         long timeline, String source, long sizeBytes, Path directory) {

    public BaseBackup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(stopTime, "stopTime");
        Objects.requireNonNull(startLsn, "startLsn");
        Objects.requireNonNull(stopLsn, "stopLsn");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directory, "directory");
    }

    /** {@code root/<id>/data}: the copied data directory, with its {@code backup_label}. */
    public Path dataDirectory() {
        return directory.resolve(BaseBackupManifest.DATA);
    }
}
