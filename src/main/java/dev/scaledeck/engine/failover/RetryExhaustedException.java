package dev.scaledeck.engine.failover;

import java.io.IOException;
import java.time.Duration;

/** A request failed and was not tried again: attempts or total time used up. The cause is the last failure. */
public final class RetryExhaustedException extends IOException {

    private final int attempts;
    private final Duration elapsed;

    public RetryExhaustedException(String message, int attempts, Duration elapsed, Throwable lastFailure) {
        super(message, lastFailure);
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    public int attempts() {
        return attempts;
    }

    public Duration elapsed() {
        return elapsed;
    }
}
