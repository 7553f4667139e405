package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A plan's last successful drill as looked up at one moment. Immutable.
 *
 * @param run         the drill run, when it succeeded and measured something
 * @param lookupError why the drill history could not be read; then {@code run} is empty
 */
record LastDrill(Optional<RunbookProgress> run, Optional<String> lookupError) {

    LastDrill {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(lookupError, "lookupError");
    }

    /**
     * Looks the drill up; a journal that cannot be read is a lookup error, not an exception. A run
     * that did not succeed or measured nothing is no drill to go by.
     */
    static LastDrill of(Function<String, Optional<RunbookProgress>> lastDrill, String planId) {
        try {
            Optional<RunbookProgress> run = lastDrill.apply(planId)
                    .filter(r -> r.succeeded() && r.mode() == RunMode.DRILL && r.measured().isPresent());
            return new LastDrill(run, Optional.empty());
        } catch (RuntimeException e) {
            return new LastDrill(Optional.empty(), Optional.of(ImpactAssessor.firstLine(e)));
        }
    }

    Optional<DrillMeasurement> measured() {
        return run.flatMap(RunbookProgress::measured);
    }

    /** When the drill ended (when it began, for a journal without an end). */
    Optional<Instant> at() {
        return run.map(r -> r.finished().orElse(r.started()));
    }
}
