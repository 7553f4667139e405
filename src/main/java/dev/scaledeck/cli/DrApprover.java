package dev.scaledeck.cli;

import dev.scaledeck.engine.recovery.Approver;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepProgress;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers a plan's approval steps for {@code scaledeck dr run}: {@code --yes} approves everything,
 * otherwise the operator is asked on the terminal; with no terminal the approval is refused (the
 * step fails) and stderr says why. Thread-safe.
 */
final class DrApprover implements Approver {

    private final TerminalPrompt terminal;
    private final Consumer<RunbookProgress> beforeAsking;

    private DrApprover(TerminalPrompt terminal, Consumer<RunbookProgress> beforeAsking) {
        this.terminal = terminal;
        this.beforeAsking = beforeAsking;
    }

    /**
     * @param beforeAsking shows the run as it is before the question, so the question follows the step
     *                     it belongs to (nothing else happens in the run while it waits for the answer)
     */
    static Approver of(boolean yes, Optional<TerminalPrompt> terminal, PrintWriter err,
                       Consumer<RunbookProgress> beforeAsking) {
        if (yes) {
            return Approver.ALWAYS;
        }
        if (terminal.isEmpty()) {
            return (run, step, question) -> {
                err.println("Refused \"" + question + "\" (step " + step.index() + "): no terminal to ask on; "
                        + "pass --yes to approve");
                err.flush();
                return false;
            };
        }
        return new DrApprover(terminal.get(), beforeAsking);
    }

    @Override
    public boolean approve(RunbookProgress run, StepProgress step, String question) {
        beforeAsking.accept(run);
        return terminal.yes(question);
    }
}
