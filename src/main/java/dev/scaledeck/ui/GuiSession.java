package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the window: what {@link ScaleDeckApp#run} hands to the application instance it
 * cannot construct itself, and what the window reports back for the exit code. Thread-safe.
 */
final class GuiSession {

    private final CompletableFuture<EngineLauncher> launcher;
    private final GuiOptions options;
    private final boolean standalone;
    private final CompletableFuture<Void> engineClosed = new CompletableFuture<>();
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private volatile boolean engineFailed;
    private volatile boolean screenshotTaken;

    /**
     * @param launcher   starts the engine once the configuration is read; fails when it cannot be
     * @param standalone the window owns the JavaFX runtime and ends it when it closes (false
     *                   under a test harness that keeps the toolkit for the next test)
     */
    GuiSession(CompletableFuture<EngineLauncher> launcher, GuiOptions options, boolean standalone) {
        this.launcher = launcher;
        this.options = options;
        this.standalone = standalone;
    }

    /** Completes when the configuration is read; exceptionally when there is no engine to start. */
    CompletableFuture<EngineLauncher> launcher() {
        return launcher;
    }

    GuiOptions options() {
        return options;
    }

    boolean standalone() {
        return standalone;
    }

    void engineFailed() {
        engineFailed = true;
    }

    void screenshotTaken() {
        screenshotTaken = true;
    }

    boolean isScreenshotTaken() {
        return screenshotTaken;
    }

    /** The window's first frame is on screen. */
    void firstFrameShown() {
        firstFrame.complete(null);
    }

    /** Completes when the window's first frame is on screen. */
    CompletableFuture<Void> firstFrame() {
        return firstFrame;
    }

    /** Follows the window's engine shutdown. */
    void engineClosing(CompletableFuture<Void> closing) {
        closing.whenComplete((ok, error) -> {
            if (error == null) {
                engineClosed.complete(null);
            } else {
                engineClosed.completeExceptionally(error);
            }
        });
    }

    /** Completes when the engine is closed (or never started) after the window went. */
    CompletableFuture<Void> engineClosed() {
        return engineClosed;
    }

    /** Waits for the engine to close; returns whether it did within {@code bound}. */
    boolean awaitEngineClosed(Duration bound) {
        try {
            engineClosed.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    int exitCode() {
        if (options.screenshotRequested() && !screenshotTaken) {
            return ScaleDeckApp.EXIT_NO_SCREENSHOT;
        }
        return engineFailed ? ScaleDeckApp.EXIT_ENGINE_FAILED : ScaleDeckApp.EXIT_OK;
    }
}
