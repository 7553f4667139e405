package dev.scaledeck.engine.loadtest;

/**
 * Told how one request ended; a {@link TargetClient} calls exactly one method exactly once per
 * request, on any thread (the sender's own, when the request fails at once).
 */
interface Completion {

    /** Answered (for SQL: the statement ran). */
    void answered(String instanceId, int status, String body);

    /** No answer. */
    void failed(String instanceId, ErrorKind kind);
}
