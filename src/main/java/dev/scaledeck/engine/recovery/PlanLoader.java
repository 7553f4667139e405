package dev.scaledeck.engine.recovery;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads runbooks from YAML and validates them completely: every problem found is reported with
 * the file, the line and what is wrong, and a plan with any problem is not loaded.
 */
public final class PlanLoader {

    private PlanLoader() {
    }

    /**
     * Parses one runbook.
     *
     * @param yaml   the file's text
     * @param source what to call the file in messages and in {@link RecoveryPlan#source()}
     * @throws PlanLoadException with every problem found
     */
    public static RecoveryPlan parse(String yaml, String source) throws PlanLoadException {
        throw new UnsupportedOperationException("not written yet"); // replaced by the loader's change
    }

    /**
     * The shipped runbooks ({@code resources/runbooks/*.yaml}, listed in {@code runbooks/index.txt})
     * and then every {@code *.yaml}/{@code *.yml} in {@code directory} (which may be absent); an
     * operator's plan with the id of a shipped one replaces it.
     */
    public static Loaded loadAll(Path directory) {
        throw new UnsupportedOperationException("not written yet"); // replaced by the loader's change
    }

    /** The plans that loaded and the problems of the files that did not. */
    public record Loaded(List<RecoveryPlan> plans, List<PlanProblem> problems) {
        public Loaded {
            plans = List.copyOf(plans);
            problems = List.copyOf(problems);
        }
    }
}
