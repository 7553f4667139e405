package dev.scaledeck.engine.loadtest;

/** Sends a run's requests to its target without blocking the caller. Thread-safe. */
interface TargetClient extends AutoCloseable {

    /** Status given to answers that have none (a SQL statement that ran). */
    int NO_STATUS = 0;

    /** Sends one request; {@code completion} hears how it ended. Never throws. */
    void send(Completion completion);

    /** Requests so far that waited for a pooled connection (SQL target); 0 for the others. */
    default long poolWaits() {
        return 0;
    }

    /** Cancels what is outstanding (or abandons it, where the target cannot cancel) and frees resources. */
    @Override
    void close();
}
