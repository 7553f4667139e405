package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scenario recognised from signals: the plan to run and the signals that matched. Immutable.
 *
 * @param planId   the plan to run
 * @param planName its name
 * @param signals  the signals that matched the plan
 * @param since    when the earliest of them was first seen
 */
public record DetectedScenario(String planId, String planName, List<Signal> signals, Instant since) {

    public DetectedScenario {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(planName, "planName");
        signals = List.copyOf(signals);
        Objects.requireNonNull(since, "since");
    }
}
