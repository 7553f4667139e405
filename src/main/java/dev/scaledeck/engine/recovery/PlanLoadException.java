package dev.scaledeck.engine.recovery;

import java.util.List;

/** A runbook did not validate; {@link #problems()} has every problem found, each with its file and line. */
public final class PlanLoadException extends Exception {

    private final transient List<PlanProblem> problems;

    public PlanLoadException(List<PlanProblem> problems) {
        super(problems.stream().map(PlanProblem::describe).reduce((a, b) -> a + "\n" + b).orElse("invalid runbook"));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
