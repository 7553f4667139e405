package dev.scaledeck.engine.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert: a condition that an operator should know about, from when it was raised until
 * it cleared. Immutable snapshot; a repeated raise of an active alert yields a new snapshot
 * with a higher {@code occurrences} and the latest message.
 *
 * @param key         identity used for deduplication, e.g. {@code pool.exhausted}
 * @param severity    how urgent
 * @param source      which part raised it, e.g. {@code pool}
 * @param message     the latest message, with the measured value and the threshold
 * @param raisedAt    first raised (engine clock)
 * @param lastSeenAt  last raised again while active
 * @param occurrences how many times it was raised while active
 * @param clearedAt   when the condition ended, or null while active
 */
public record Alert(String key, Severity severity, String source, String message, Instant raisedAt,
                    Instant lastSeenAt, int occurrences, Instant clearedAt) {

    public boolean active() {
        return clearedAt == null;
    }

    public Optional<Instant> cleared() {
        return Optional.ofNullable(clearedAt);
    }
}
