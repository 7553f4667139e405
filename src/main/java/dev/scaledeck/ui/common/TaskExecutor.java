package dev.scaledeck.ui.common;

import java.util.function.Consumer;

/**
 * Runs long work off the UI thread and hands progress and results back on it. View models take
 * one in their constructor, so tests can run them with {@link CurrentThreadTaskExecutor} and no
 * toolkit. Implementations are thread-safe.
 */
public interface TaskExecutor {

    /**
     * Runs {@code task} in the background. Progress messages, the result and any failure are
     * delivered on the UI thread, progress before the result.
     */
    <T> void execute(BackgroundTask<T> task, Consumer<String> onProgress, Consumer<? super T> onSuccess,
                     Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread, later. */
    void runInUiThread(Runnable action);

    /** Stops accepting work; what runs already may finish. Idempotent. */
    void shutdown();
}
