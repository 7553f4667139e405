package dev.scaledeck.engine;

/** A running engine and the environment under it; closing it stops both, engine first. */
public interface LaunchedEngine extends AutoCloseable {

    ScalingEngine engine();

    /** One line saying what the engine runs on, for the status bar and logs (no secrets). */
    String description();

    /** Traffic the environment can generate on the operator's word, when it offers any. */
    default java.util.Optional<TrafficDial> traffic() {
        return java.util.Optional.empty();
    }

    /**
     * The database server the environment runs, when it may stop and start it (the embedded
     * PostgreSQL this process owns): for {@code start-database} steps and database-down drills.
     */
    default java.util.Optional<dev.scaledeck.engine.recovery.ManagedDatabase> managedDatabase() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
