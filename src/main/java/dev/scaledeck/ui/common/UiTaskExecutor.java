package dev.scaledeck.ui.common;

import dev.scaledeck.engine.util.NamedThreads;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs tasks on named daemon threads and delivers progress, results and failures on the FX
 * thread. Progress messages are batched: however fast a task reports, at most one
 * {@code Platform.runLater} per task is outstanding. Thread-safe.
 */
public final class UiTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(UiTaskExecutor.class);

    private final ExecutorService threads = Executors.newCachedThreadPool(new NamedThreads("scaledeck-ui-task"));

    @Override
    public <T> void execute(BackgroundTask<T> task, Consumer<String> onProgress, Consumer<? super T> onSuccess,
                            Consumer<? super Throwable> onFailure) {
        ProgressRelay progress = new ProgressRelay(onProgress);
        threads.execute(() -> {
            T result;
            try {
                result = task.call(progress);
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.debug("Background task failed", e);
                progress.flushThen(() -> onFailure.accept(e));
                return;
            }
            progress.flushThen(() -> onSuccess.accept(result));
        });
    }

    @Override
    public void runInUiThread(Runnable action) {
        Platform.runLater(action);
    }

    /**
     * Takes no new work. Running work is not interrupted: an engine launch must finish (and is
     * then closed by its owner) rather than leave a half-started database behind.
     */
    @Override
    public void shutdown() {
        threads.shutdown();
    }

    /** Queues progress messages and drains them on the FX thread in one go. */
    private static final class ProgressRelay implements Consumer<String> {
        private final Consumer<String> target;
        private final Queue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        ProgressRelay(Consumer<String> target) {
            this.target = target;
        }

        @Override
        public void accept(String message) {
            queue.add(message);
            if (scheduled.compareAndSet(false, true)) {
                Platform.runLater(this::drain);
            }
        }

        private void drain() {
            scheduled.set(false);
            List<String> messages = new ArrayList<>();
            for (String m = queue.poll(); m != null; m = queue.poll()) {
                messages.add(m);
            }
            messages.forEach(target);
        }

        /** Runs {@code last} on the FX thread after every message reported so far. */
        void flushThen(Runnable last) {
            Platform.runLater(() -> {
                drain();
                last.run();
            });
        }
    }
}
