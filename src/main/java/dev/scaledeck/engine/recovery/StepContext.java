package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a step needs while it runs: the engine, the database server when the environment manages
 * it, the run's placeholder values, and where its output lines go. Immutable.
 */
record StepContext(ScalingEngine engine, Optional<ManagedDatabase> database, Map<String, String> values,
                   Consumer<String> output) {

    StepContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(database, "database");
        values = Map.copyOf(values);
        Objects.requireNonNull(output, "output");
    }

    String fill(String text) {
        return Placeholders.fill(text, values);
    }

    void say(String line) {
        output.accept(line);
    }
}
