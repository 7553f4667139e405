package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One drill's fault: prepared (baseline taken), injected, measured after the plan ran, and
 * cleaned up whatever happened. Made by {@link DrillFaults#create}; used once, by one run thread.
 */
public interface FaultDrill {

    /** What the drill will do to the environment, for the dry-run listing and the run's first line. */
    String describe();

    /**
     * Checks that the fault can be injected and undone here, and takes the baseline the RPO is
     * measured against (e.g. a committed marker row, the rows of the user to damage).
     *
     * @throws Exception with a message for the operator when the drill cannot run
     */
    void prepare() throws Exception;

    /** Values for the plan's parameters the drill decides (e.g. {@code user}, {@code at}); after {@link #prepare}. */
    Map<String, String> parameters();

    /** Injects the fault; returns when it took effect. */
    Instant inject() throws Exception;

    /** After the plan succeeded: the data the scenario lost, measured. */
    Rpo measureRpo() throws Exception;

    /**
     * Puts back what the plan did not (a database still down, a crashed instance, an extra
     * instance, a moved repository). Always called, after success or failure; must not throw.
     *
     * @return one line per thing done, for the run's output
     */
    java.util.List<String> cleanup();

    /**
     * A measured RPO.
     *
     * @param lost  the span of committed data lost
     * @param basis how it was measured, one line
     */
    record Rpo(Duration lost, String basis) {
        public Rpo {
            Objects.requireNonNull(lost, "lost");
            Objects.requireNonNull(basis, "basis");
        }
    }
}
