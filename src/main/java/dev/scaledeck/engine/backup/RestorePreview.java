package dev.scaledeck.engine.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a restore would do to the target, table by table, as the target stood when the
 * preview was taken; nothing was changed to find out. Immutable.
 *
 * @param backupId   the backup
 * @param scope      user or full
 * @param userId     the user of a user backup, else null
 * @param target     the database compared with, password masked
 * @param tables     per table, parents first
 * @param previewedAt when, by the engine clock
 */
public record RestorePreview(String backupId, BackupScope scope, Long userId, String target, List<TableDiff> tables,
                             Instant previewedAt) {

    public RestorePreview {
        tables = List.copyOf(tables);
    }

    public long toInsert() {
        return tables.stream().mapToLong(TableDiff::toInsert).sum();
    }

    public long toDelete() {
        return tables.stream().mapToLong(TableDiff::toDelete).sum();
    }

    public long toChange() {
        return tables.stream().mapToLong(TableDiff::toChange).sum();
    }

    public boolean changesNothing() {
        return tables.stream().allMatch(TableDiff::changesNothing);
    }
}
