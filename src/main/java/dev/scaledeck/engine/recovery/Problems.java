package dev.scaledeck.engine.recovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one runbook file so far, each with its line and the field path it is
 * about. Reading goes on after a problem so that the operator sees every one at once. Not
 * thread-safe: one per file being read.
 */
final class Problems {

    private final String source;
    private final List<PlanProblem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    /**
     * @param line    1-based, or 0 when the file as a whole is wrong
     * @param path    the field, e.g. {@code steps[2].timeout}; empty for the file itself
     * @param message what is wrong and what is allowed
     */
    void add(int line, String path, String message) {
        found.add(new PlanProblem(source, line, path.isEmpty() ? message : path + ": " + message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** In the order of the file (the order of reading within a line). */
    List<PlanProblem> inFileOrder() {
        List<PlanProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(PlanProblem::line));
        return sorted;
    }

    void throwIfAny() throws PlanLoadException {
        if (any()) {
            throw new PlanLoadException(inFileOrder());
        }
    }
}
