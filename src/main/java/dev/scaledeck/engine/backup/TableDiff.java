package dev.scaledeck.engine.backup;

/**
 * What restoring one table would change, compared by primary key (by whole rows for a table
 * without one). Immutable.
 *
 * @param table        the table
 * @param rowsInBackup rows in the backup part
 * @param rowsNow      rows in the table now (for a user backup: the user's rows now)
 * @param toInsert     backup rows whose key is not in the table now
 * @param toDelete     rows now whose key is not in the backup
 * @param toChange     rows whose key is in both but whose content differs
 * @param unchanged    backup rows that are in the table now exactly as backed up
 */
public record TableDiff(String table, long rowsInBackup, long rowsNow, long toInsert, long toDelete, long toChange,
                        long unchanged) {

    public boolean changesNothing() {
        return toInsert == 0 && toDelete == 0 && toChange == 0;
    }
}
