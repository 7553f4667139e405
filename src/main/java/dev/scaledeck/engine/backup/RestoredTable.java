package dev.scaledeck.engine.backup;

/**
 * What a restore did to one table. A user restore changes only what differs; a full restore
 * replaces the table, so it reports every row before as deleted and every row after as
 * inserted. Immutable.
 *
 * @param table      the table
 * @param rowsBefore rows before the restore (for a user restore: the user's rows)
 * @param rowsAfter  rows after the restore, as in the backup
 * @param inserted   rows inserted
 * @param updated    rows changed in place
 * @param deleted    rows deleted
 */
public record RestoredTable(String table, long rowsBefore, long rowsAfter, long inserted, long updated, long deleted) {
}
