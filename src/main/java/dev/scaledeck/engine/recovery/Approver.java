package dev.scaledeck.engine.recovery;

/**
 * Answers a runbook's {@code approve} steps: a terminal prompt, a window dialog, or
 * {@code --yes}. Called on the run's thread; may block until the operator answers.
 */
@FunctionalInterface
public interface Approver {

    /** Approves everything without asking (the CLI's {@code --yes}, tests). */
    Approver ALWAYS = (run, step, question) -> true;

    /** Refuses everything: for runs nobody can answer (an automatic run without a window). */
    Approver NEVER = (run, step, question) -> false;

    /**
     * @param run      the run, as it is now
     * @param step     the approval step
     * @param question what the operator is asked
     * @return true to go on, false to refuse (the step fails)
     * @throws InterruptedException when the run was cancelled while waiting
     */
    boolean approve(RunbookProgress run, StepProgress step, String question) throws InterruptedException;
}
