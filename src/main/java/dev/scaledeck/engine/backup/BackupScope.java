package dev.scaledeck.engine.backup;

/** What a backup holds: one user's rows, or every table. */
public enum BackupScope {
    /** The rows that belong to one user, found by {@link Ownership}. */
    USER,
    /** Every ordinary table of every non-system schema. */
    FULL
}
