package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.backup.BackupProgress;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Consumer;

/**
 * The one backup operation that may run at a time, in stages: each stage runs in the
 * background through the {@link TaskExecutor} with the engine's progress (step and fraction)
 * shown; a stage's result handler, on the UI thread, may ask the operator and start the next
 * stage, and the operation counts as running until a stage starts no other. Failures show the
 * engine's message in an error dialog. UI thread only.
 */
final class BackupOperations {

    /** Work on the engine that reports its progress. */
    @FunctionalInterface
    interface Work<T> {
        T run(BackupProgress progress) throws Exception;
    }

    /** A fraction for work that has not said how far it is ({@code ProgressBar}'s indeterminate value). */
    static final double INDETERMINATE = -1;

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Runnable afterEach;
    private long stages;
    /** The latest fraction the engine reported, written on the worker thread before its step text is relayed. */
    private volatile double reported = INDETERMINATE;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction",
            INDETERMINATE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /** @param afterEach runs when an operation has ended, however (the listing is read again) */
    BackupOperations(TaskExecutor tasks, DialogService dialogs, Runnable afterEach) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.afterEach = afterEach;
    }

    /**
     * Runs one stage of an operation in the background.
     *
     * @param doing        what it does, for the status line and the progress text
     * @param failureTitle the error dialog's title when it fails
     * @param done         on the UI thread with the result; may call {@code stage} again to go on
     */
    <T> void stage(String doing, String failureTitle, Work<T> work, Consumer<? super T> done) {
        long mine = ++stages;
        busy.set(true);
        status.set(doing + "…");
        step.set(doing);
        reported = INDETERMINATE;
        fraction.set(INDETERMINATE);
        tasks.execute(progress -> work.run((text, f) -> {
            reported = Math.max(0, Math.min(1, f));
            progress.accept(text);
        }), text -> {
            step.set(text);
            fraction.set(reported);
        }, result -> {
            done.accept(result);
            if (stages == mine) {
                finish();
            }
        }, failure -> {
            status.set(failureTitle);
            finish();
            dialogs.showError(failureTitle, message(failure), failure);
        });
    }

    private void finish() {
        busy.set(false);
        step.set("");
        fraction.set(INDETERMINATE);
        afterEach.run();
    }

    static String message(Throwable failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank() ? failure.toString() : failure.getMessage();
    }

    /** Sets the status line (on the UI thread). */
    void say(String text) {
        status.set(text);
    }

    boolean busy() {
        return busy.get();
    }

    DialogService dialogs() {
        return dialogs;
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
