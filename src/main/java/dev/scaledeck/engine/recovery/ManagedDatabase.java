package dev.scaledeck.engine.recovery;

/**
 * The database server when the engine's environment runs it (the embedded PostgreSQL): what
 * {@code start-database} steps start and what database-down drills stop. Thread-safe.
 */
public interface ManagedDatabase {

    /** Whether the server process runs now. */
    boolean running();

    /** Stops the server at once (a fast shutdown: sessions are cut, committed data is kept). */
    void stop() throws Exception;

    /** Starts the server again on the same files and port; returns once it answers. */
    void start() throws Exception;
}
