package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A window on its way ({@link ScaleDeckApp#open}): it shows as soon as the JavaFX runtime runs,
 * while the caller reads the configuration; {@link #run} then starts the engine in it and waits
 * until it has closed, or {@link #abandon} closes it when there is nothing to start. Use from
 * one thread, not the FX thread.
 */
public final class OpeningWindow {

    private static final Logger LOG = LoggerFactory.getLogger(OpeningWindow.class);
    /** Pool drain (10 s by default) plus the environment's own stop, with room to spare. */
    private static final Duration ENGINE_CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(30);

    private final GuiSession session;
    private final CompletableFuture<EngineLauncher> launcher;
    private final CountDownLatch windowGone = new CountDownLatch(1);
    /** Completes once the window is asked to open; exceptionally when the runtime cannot start. */
    private final CompletableFuture<Void> opening;

    OpeningWindow(GuiSession session, CompletableFuture<EngineLauncher> launcher) {
        this.session = session;
        this.launcher = launcher;
        // The runtime may have been started early (ScaleDeckApp.prepare), so this drives the
        // application's life cycle itself instead of through Application.launch.
        opening = FxRuntime.started().thenRun(() -> Platform.runLater(() -> {
            Platform.setImplicitExit(false);
            ScaleDeckApp.openOnFxThread(session, windowGone);
        }));
    }

    /**
     * Waits until the window's first frame is on screen, the window cannot open, or
     * {@code bound} has passed: work that can wait (reading the configuration) then leaves the
     * cores to the window.
     */
    public void awaitFirstFrame(Duration bound) {
        // Fails as soon as the runtime does; never completes otherwise.
        CompletableFuture<Object> cannotOpen = opening.thenCompose(ok -> new CompletableFuture<>());
        try {
            CompletableFuture.anyOf(session.firstFrame(), cannotOpen).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // No window, or a slow one: carry on; run() and abandon() say what became of it.
        }
    }

    /**
     * Starts the engine through {@code engineLauncher} in the window and blocks until the window
     * has closed and the engine stopped (bounded wait).
     *
     * @return {@link ScaleDeckApp#EXIT_OK}, {@link ScaleDeckApp#EXIT_ENGINE_FAILED},
     *         {@link ScaleDeckApp#EXIT_NO_SCREENSHOT} or {@link ScaleDeckApp#EXIT_NO_WINDOW}
     */
    public int run(EngineLauncher engineLauncher) {
        launcher.complete(Objects.requireNonNull(engineLauncher, "engineLauncher"));
        try {
            opening.join();
        } catch (CompletionException e) {
            ScaleDeckApp.releaseHandOff(session);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.error("Cannot open the ScaleDeck window", cause);
            System.err.println("ScaleDeck cannot open its window: " + ScaleDeckApp.describe(cause)
                    + ". The command-line sub-commands run without a display.");
            return ScaleDeckApp.EXIT_NO_WINDOW;
        }
        awaitWindowGone();
        if (!session.awaitEngineClosed(ENGINE_CLOSE_WAIT)) {
            LOG.warn("The engine did not stop within {} after the window closed", ENGINE_CLOSE_WAIT);
        }
        return session.exitCode();
    }

    /** Closes the window, or keeps it from opening, without starting an engine; waits until it is gone. */
    public void abandon() {
        launcher.completeExceptionally(new IllegalStateException("the window has no engine to start"));
        try {
            opening.join();
        } catch (CompletionException e) {
            ScaleDeckApp.releaseHandOff(session);
            return;
        }
        try {
            if (!windowGone.await(ABANDON_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The window did not close within {}", ABANDON_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ScaleDeckApp.releaseHandOff(session);
            Platform.exit();
        }
    }

    private void awaitWindowGone() {
        try {
            windowGone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ScaleDeckApp.releaseHandOff(session);
            Platform.exit();
        }
    }
}
