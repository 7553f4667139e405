package dev.scaledeck.ui.common;

import java.util.function.Consumer;

/**
 * Runs everything at once on the calling thread: for view-model tests without a toolkit.
 * Thread-safe (it keeps no state).
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(BackgroundTask<T> task, Consumer<String> onProgress, Consumer<? super T> onSuccess,
                            Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = task.call(onProgress);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void runInUiThread(Runnable action) {
        action.run();
    }

    @Override
    public void shutdown() {
        // nothing runs in the background
    }
}
