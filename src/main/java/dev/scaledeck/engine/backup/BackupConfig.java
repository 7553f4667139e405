package dev.scaledeck.engine.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How backups are taken, kept and copied. Immutable.
 *
 * @param directory        the primary backup repository
 * @param compressionLevel deflate level of backup archives: 0 (none), 1 (fast) or 6 (default)
 * @param schedules        what the engine backs up on its own, and how often
 * @param retention        what is kept per scope
 * @param copies           secondary repositories that get a verified copy of every backup
 * @param rpo              the age of the newest verified backup that raises an alert
 * @param userTable        the table whose rows are users
 * @param ownership        table to the column holding its rows' user id, where foreign keys do not tell
 */
public record BackupConfig(Path directory, int compressionLevel, List<BackupSchedule> schedules,
                           RetentionPolicy retention, List<Path> copies, Duration rpo, String userTable,
                           Map<String, String> ownership) {

    public BackupConfig {
        Objects.requireNonNull(directory, "directory");
        schedules = List.copyOf(schedules);
        copies = List.copyOf(copies);
        ownership = Map.copyOf(ownership);
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(rpo, "rpo");
        Objects.requireNonNull(userTable, "userTable");
    }

    /** Base backups (for point-in-time recovery) live in here. */
    public Path baseDirectory() {
        return directory.resolve("base");
    }
}
