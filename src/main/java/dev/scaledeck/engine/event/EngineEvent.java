package dev.scaledeck.engine.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the engine did or saw, with the reason, at a time of the engine clock.
 * Immutable.
 *
 * @param time     when, by the engine clock
 * @param category which part of the engine: {@code alert}, {@code pool}, {@code instance}, {@code engine}, ...
 * @param type     what happened, e.g. {@code raised}, {@code cleared}, {@code started}
 * @param subject  what it happened to, e.g. an alert key or instance id
 * @param message  one line for a person, with the reason
 */
public record EngineEvent(Instant time, String category, String type, String subject, String message) {

    public EngineEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }
}
