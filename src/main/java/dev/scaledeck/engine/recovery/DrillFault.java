package dev.scaledeck.engine.recovery;

/**
 * The fault a drill injects into the embedded environment before it runs the plan (YAML
 * {@code drill.fault}). Every fault can be undone by the drill if the plan does not undo it.
 */
public enum DrillFault {
    /** Stops the embedded PostgreSQL (a fast shutdown, as a crash of the server process). */
    DATABASE_DOWN("database-down"),
    /** Stops one sample instance at its address, as a crashed process would leave it. */
    INSTANCE_CRASH("instance-crash"),
    /** Damages one user's rows (renames and deletes some), after noting the time just before. */
    USER_DATA_DAMAGED("user-data-damaged"),
    /** Moves the primary backup repository aside, as a lost disk would; the drill puts it back afterwards. */
    BACKUP_REPOSITORY_LOST("backup-repository-lost");

    private final String yaml;

    DrillFault(String yaml) {
        this.yaml = yaml;
    }

    public String yaml() {
        return yaml;
    }
}
