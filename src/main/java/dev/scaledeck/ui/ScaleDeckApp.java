package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.UiTaskExecutor;
import dev.scaledeck.ui.shell.EngineState;
import dev.scaledeck.ui.shell.ShellViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ScaleDeck window. It appears at once, says what the engine start waits for, and shows
 * live data when the engine runs; closing it closes the engine. Start it with
 * {@link #run(EngineLauncher, GuiOptions)}.
 */
public final class ScaleDeckApp extends Application {

    public static final String TITLE = "ScaleDeck";
    /** The window closed normally. */
    public static final int EXIT_OK = 0;
    /** The engine could not start (the window said why). */
    public static final int EXIT_ENGINE_FAILED = 1;
    /** A screenshot was asked for but not written (no live data in time, or the file could not be written). */
    public static final int EXIT_NO_SCREENSHOT = 3;
    /** The window could not open at all (no display, no GTK). */
    public static final int EXIT_NO_WINDOW = 4;

    /** With this system property true, {@link #FIRST_FRAME_MARKER} goes to stdout once the window shows. */
    public static final String FIRST_FRAME_PROPERTY = "scaledeck.printFirstFrame";
    public static final String FIRST_FRAME_MARKER = "SCALEDECK_FIRST_FRAME";

    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private static final Logger LOG = LoggerFactory.getLogger(ScaleDeckApp.class);
    /**
     * {@code Application.launch} constructs the application itself, so {@link #open} leaves the
     * session here and {@link #init} takes it out again: nothing stays for a later window.
     */
    private static final AtomicReference<GuiSession> HANDOFF = new AtomicReference<>();

    private GuiSession session;
    private UiTaskExecutor tasks;
    private ShellViewModel shell;

    /**
     * Opens the window, starts the engine through {@code launcher} and blocks until the window
     * has closed and the engine stopped (bounded wait). Call once per JVM, from any thread but
     * the FX thread.
     *
     * @return {@link #EXIT_OK}, {@link #EXIT_ENGINE_FAILED}, {@link #EXIT_NO_SCREENSHOT} or {@link #EXIT_NO_WINDOW}
     */
    public static int run(EngineLauncher launcher, GuiOptions options) {
        return open(options).run(launcher);
    }

    /**
     * Opens the window as soon as the JavaFX runtime runs, without waiting for it: the caller
     * reads the configuration meanwhile and hands the engine's launcher to
     * {@link OpeningWindow#run}, or {@link OpeningWindow#abandon abandons} the window when the
     * configuration cannot be read. Once per JVM, from any thread but the FX thread.
     */
    public static OpeningWindow open(GuiOptions options) {
        CompletableFuture<EngineLauncher> launcher = new CompletableFuture<>();
        return new OpeningWindow(handOff(launcher, options, true), launcher);
    }

    /**
     * On the FX thread: the same steps Application.launch takes, and a signal once the window is
     * gone; none of them when the window was abandoned before it opened.
     */
    static void openOnFxThread(GuiSession session, CountDownLatch windowGone) {
        if (session.launcher().isCompletedExceptionally()) {
            HANDOFF.compareAndSet(session, null);
            windowGone.countDown();
            return;
        }
        ScaleDeckApp app = new ScaleDeckApp();
        try {
            app.init();
            Stage stage = new Stage();
            stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
                try {
                    app.stop();
                } finally {
                    windowGone.countDown();
                }
            });
            app.start(stage);
        } catch (RuntimeException e) {
            LOG.error("Cannot open the ScaleDeck window", e);
            System.err.println("ScaleDeck cannot open its window: " + describe(e));
            app.stop();
            windowGone.countDown();
        }
    }

    /** Leaves what the next application instance starts with; for tests that launch it themselves. */
    static GuiSession handOff(EngineLauncher launcher, GuiOptions options, boolean standalone) {
        return handOff(CompletableFuture.completedFuture(Objects.requireNonNull(launcher, "launcher")), options,
                standalone);
    }

    private static GuiSession handOff(CompletableFuture<EngineLauncher> launcher, GuiOptions options,
                                      boolean standalone) {
        GuiSession session = new GuiSession(launcher, Objects.requireNonNull(options, "options"), standalone);
        if (!HANDOFF.compareAndSet(null, session)) {
            throw new IllegalStateException("Another ScaleDeck window is being started");
        }
        return session;
    }

    /** Takes back a hand-off no application instance took (the window did not open). */
    static void releaseHandOff(GuiSession session) {
        HANDOFF.compareAndSet(session, null);
    }

    /** Whether a hand-off waits for an application instance; false after every start. */
    static boolean handOffPending() {
        return HANDOFF.get() != null;
    }

    @Override
    public void init() {
        session = HANDOFF.getAndSet(null);
        if (session == null) {
            throw new IllegalStateException("Start the ScaleDeck window through ScaleDeckApp.run(launcher, options)");
        }
    }

    @Override
    public void start(Stage stage) {
        WindowParts parts = WindowParts.take(stage);
        tasks = parts.tasks();
        shell = parts.shell();
        shell.stateProperty().addListener((obs, old, now) -> {
            if (now == EngineState.FAILED) {
                session.engineFailed();
            }
        });
        stage.setTitle(TITLE);
        stage.setScene(parts.scene());
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setOnHidden(e -> shutdownEngine());
        if (session.standalone()) {
            showUncaughtErrors(parts.dialogs());
        }
        new UnattendedRun(stage, session, shell, () -> quit(stage)).arm();
        stage.show();
        Platform.runLater(() -> {
            if (Boolean.getBoolean(FIRST_FRAME_PROPERTY)) {
                // For the startup benchmark: printed the same way its Hello World reference does.
                System.out.println(FIRST_FRAME_MARKER + " jvm-uptime-ms="
                        + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            }
            session.firstFrameShown();
        });
        // Start the engine once the first frame is on its way and the configuration is read: the
        // launch loads a lot of code and would otherwise compete with the window for the cores.
        // Without a configuration there is nothing to start, and the window goes; a window closed
        // before the configuration was read starts nothing either.
        session.launcher().whenComplete((launcher, unreadable) -> Platform.runLater(() -> {
            if (launcher == null) {
                quit(stage);
            } else if (stage.isShowing()) {
                shell.start(launcher);
            }
        }));
    }

    private void quit(Stage stage) {
        stage.close();
        if (session.standalone()) {
            Platform.exit();
        }
    }

    private void shutdownEngine() {
        if (shell != null) {
            session.engineClosing(shell.shutdown());
        }
    }

    @Override
    public void stop() {
        shutdownEngine();
        if (tasks != null) {
            tasks.shutdown();
        }
    }

    /** An error nobody caught on the FX thread reaches the operator, one dialog at a time. */
    private static void showUncaughtErrors(DialogService dialogs) {
        boolean[] showing = {false};
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> {
            LOG.error("Uncaught error on the FX thread", error);
            if (showing[0]) {
                return;
            }
            showing[0] = true;
            Platform.runLater(() -> {
                try {
                    dialogs.showError("Something went wrong", describe(error), error);
                } finally {
                    showing[0] = false;
                }
            });
        });
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
