package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.Approver;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepProgress;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Answers a runbook's {@code approve} steps with a dialog in the window. The engine calls it on
 * the run's thread: the question hops to the UI thread and the run's thread waits for the answer
 * (a cancelled run stops waiting at once). Thread-safe.
 */
final class WindowApprover implements Approver {

    private static final Logger LOG = LoggerFactory.getLogger(WindowApprover.class);

    private final TaskExecutor tasks;
    private final DialogService dialogs;

    WindowApprover(TaskExecutor tasks, DialogService dialogs) {
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    @Override
    public boolean approve(RunbookProgress run, StepProgress step, String question) throws InterruptedException {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        tasks.runInUiThread(() -> {
            try {
                answer.complete(dialogs.confirm("Approve step " + step.index() + " of " + run.planName() + "?",
                        RecoveryTexts.approvalQuestion(run, step, question), "Approve"));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (ExecutionException e) {
            LOG.warn("Could not ask the operator to approve step {} of run {}; refused", step.index(), run.runId(),
                    e.getCause());
            return false;
        }
    }
}
