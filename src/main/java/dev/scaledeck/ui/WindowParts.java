package dev.scaledeck.ui;

import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.FxDialogService;
import dev.scaledeck.ui.common.UiTaskExecutor;
import dev.scaledeck.ui.shell.Sections;
import dev.scaledeck.ui.shell.ShellView;
import dev.scaledeck.ui.shell.ShellViewModel;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the window is made of before it has a stage: the view models, the scene with its
 * stylesheets applied, and the services they share. Building them loads most of the window's
 * code, so {@link #prepare} does it on the FX thread as soon as the runtime runs
 * ({@link FxRuntime#prepareWindow}), while the
 * command line is still reading the configuration; {@link #take} hands them to the window.
 * FX thread only, except where said.
 */
final class WindowParts {

    private static final AtomicReference<WindowParts> PREPARED = new AtomicReference<>();

    private final UiTaskExecutor tasks;
    private final AtomicReference<Stage> owner;
    private final DialogService dialogs;
    private final ShellViewModel shell;
    private final Scene scene;

    private WindowParts() {
        tasks = new UiTaskExecutor();
        owner = new AtomicReference<>();
        dialogs = new FxDialogService(owner::get);
        shell = new ShellViewModel(tasks, Sections.standard(tasks, dialogs), ShellViewModel.SAMPLE_PERIOD);
        scene = new Scene(new ShellView(shell), ScaleDeckApp.DEFAULT_WIDTH, ScaleDeckApp.DEFAULT_HEIGHT);
        URL css = ScaleDeckApp.class.getResource("scaledeck.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        } else {
            log().warn("scaledeck.css is missing from the classpath; the window shows unstyled");
        }
    }

    /**
     * Builds the parts for the next window and keeps them; a failure is logged and the window
     * builds its parts itself. On the FX thread.
     */
    static void prepare() {
        try {
            WindowParts parts = new WindowParts();
            // Stylesheets are parsed and control skins created here rather than when the window shows.
            parts.scene.getRoot().applyCss();
            PREPARED.set(parts);
        } catch (RuntimeException e) {
            log().warn("Could not prepare the window ahead; it builds when it opens", e);
        }
    }

    /**
     * Asked for only when there is something to say: this class is loaded on the FX thread early,
     * and a logger asked for first would set logging up there, holding the window up.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(WindowParts.class);
    }

    /** The prepared parts, or new ones; for a window on {@code stage}. */
    static WindowParts take(Stage stage) {
        WindowParts parts = PREPARED.getAndSet(null);
        if (parts == null) {
            parts = new WindowParts();
        }
        parts.owner.set(stage);
        return parts;
    }

    UiTaskExecutor tasks() {
        return tasks;
    }

    DialogService dialogs() {
        return dialogs;
    }

    ShellViewModel shell() {
        return shell;
    }

    Scene scene() {
        return scene;
    }
}
