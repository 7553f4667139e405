package dev.scaledeck.ui;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the JavaFX runtime on a thread of its own, so that it comes up while the command line
 * and the configuration are still being read: on two cores that brings the first frame a few
 * hundred milliseconds sooner. Thread-safe.
 */
public final class FxRuntime {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final CompletableFuture<Void> STARTED = new CompletableFuture<>();

    private FxRuntime() {
    }

    /** Begins starting the runtime in the background; does nothing after the first call. */
    public static void prestart() {
        if (REQUESTED.compareAndSet(false, true)) {
            Thread starter = new Thread(FxRuntime::startNow, "scaledeck-fx-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private static void startNow() {
        try {
            Platform.startup(() -> STARTED.complete(null));
        } catch (RuntimeException | Error e) {
            STARTED.completeExceptionally(e);
        }
    }

    /**
     * Blocks until the runtime runs, starting it if nobody has.
     *
     * @throws RuntimeException when it cannot start (no display, no GTK)
     */
    static void await() {
        prestart();
        try {
            STARTED.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
