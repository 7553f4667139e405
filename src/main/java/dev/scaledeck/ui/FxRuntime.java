package dev.scaledeck.ui;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the JavaFX runtime on a thread of its own, so that it comes up (and the window's parts
 * are built, see {@link #prepareWindow}) while the command line is still being read: on two cores
 * that brings the first frame a second or so sooner. Thread-safe.
 */
public final class FxRuntime {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final CompletableFuture<Void> STARTED = new CompletableFuture<>();

    private FxRuntime() {
    }

    /**
     * Begins starting the runtime in the background and, once it runs, builds the window's
     * parts on its thread ({@link WindowParts}), while the command line is still being read.
     * For {@code scaledeck gui}; nothing shows until the window is opened. Touches no logger,
     * so that the logging set-up, which takes a while, does not start on this thread.
     */
    public static void prepareWindow() {
        prestart(WindowParts::prepare);
    }

    /** Begins starting the runtime in the background; does nothing after the first call. */
    private static void prestart() {
        prestart(() -> { });
    }

    /**
     * Begins starting the runtime in the background, and has it run {@code first} on its thread
     * before it counts as {@link #started}; does nothing after the first call.
     */
    private static void prestart(Runnable first) {
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

    /** Completes when the runtime runs (starting it if nobody has); exceptionally when it cannot start. */
    static CompletableFuture<Void> started() {
        prestart();
        return STARTED.copy();
    }
}
