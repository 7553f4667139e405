package dev.scaledeck.engine.backup;

/**
 * A backup, restore or verification that could not be done. The message is one line that
 * names what failed (the backup, the path, the table or part) and why, so it can be shown
 * to the operator as it is.
 */
public final class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
