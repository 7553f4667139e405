package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.util.Objects;

/**
 * Something wrong the engine sees now, by a name plans match on: {@code database_connection_failed},
 * {@code instance_down}, {@code error_rate_high}, {@code backup_stale},
 * {@code backup_repository_missing}. Immutable.
 *
 * @param name    the signal
 * @param source  what raised it (a health check, an instance id, an alert key)
 * @param message one line for the operator
 * @param since   when it was first seen
 */
public record Signal(String name, String source, String message, Instant since) {

    public Signal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }
}
