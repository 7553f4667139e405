package dev.scaledeck.ui;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the JavaFX runtime on a thread of its own, so that it comes up (and the window's parts
 * are built, see {@link ScaleDeckApp#prepare}) while the command line and the configuration are
 * still being read: on two cores that brings the first frame a second or so sooner. Thread-safe.
 */
public final class FxRuntime {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final CompletableFuture<Void> STARTED = new CompletableFuture<>();

    private FxRuntime() {
    }

    /** Begins starting the runtime in the background; does nothing after the first call. */
    public static void prestart() {
        prestart(() -> { });
    }

    /**
     * Begins starting the runtime in the background, and has it run {@code first} on its thread
     * before it counts as started (so before anything {@link #await} lets through); does nothing
     * after the first call.
     */
    static void prestart(Runnable first) {
        if (REQUESTED.compareAndSet(false, true)) {
            Thread starter = new Thread(() -> startNow(first), "scaledeck-fx-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private static void startNow(Runnable first) {
        try {
            Platform.startup(() -> {
                try {
                    first.run();
                } finally {
                    STARTED.complete(null);
                }
            });
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
