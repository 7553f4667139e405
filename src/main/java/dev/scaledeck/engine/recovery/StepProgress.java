package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a run at a point in time. Immutable.
 *
 * @param index        1-based position in the plan (compensating steps carry their parent's index)
 * @param name         the step's name
 * @param type         its YAML type
 * @param description  what it does, with the run's parameters filled in
 * @param compensation whether it is a compensating step
 * @param state        where it is
 * @param started      when its first attempt began
 * @param finished     when it ended
 * @param attempts     attempts so far
 * @param output       what it printed or found, one line each (bounded)
 */
public record StepProgress(int index, String name, String type, String description, boolean compensation,
                           StepState state, Optional<Instant> started, Optional<Instant> finished, int attempts,
                           List<String> output) {

    public StepProgress {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        output = List.copyOf(output);
    }
}
