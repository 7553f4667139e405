package dev.scaledeck.engine.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A restore that was committed. Immutable.
 *
 * @param backupId   the backup restored
 * @param scope      user or full
 * @param userId     the user of a user backup, else null
 * @param target     the database restored into, password masked
 * @param tables     per table, parents first
 * @param restoredAt when it was committed, by the engine clock
 * @param took       how long it took, including the checksum check
 */
public record RestoreResult(String backupId, BackupScope scope, Long userId, String target, List<RestoredTable> tables,
                            Instant restoredAt, Duration took) {

    public RestoreResult {
        tables = List.copyOf(tables);
    }

    public long rowsAfter() {
        return tables.stream().mapToLong(RestoredTable::rowsAfter).sum();
    }
}
