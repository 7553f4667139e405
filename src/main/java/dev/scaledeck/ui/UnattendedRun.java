package dev.scaledeck.ui;

import dev.scaledeck.ui.shell.ShellViewModel;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@link GuiOptions} asks for besides the window: a screenshot of the Overview once live
 * data is there, and closing the window after a while. FX thread only.
 */
final class UnattendedRun {

    private static final Logger LOG = LoggerFactory.getLogger(UnattendedRun.class);

    private final Stage stage;
    private final GuiSession session;
    private final ShellViewModel shell;
    private final Runnable quit;
    private PauseTransition exitTimer;
    private boolean captured;

    UnattendedRun(Stage stage, GuiSession session, ShellViewModel shell, Runnable quit) {
        this.stage = stage;
        this.session = session;
        this.shell = shell;
        this.quit = quit;
    }

    void arm() {
        GuiOptions options = session.options();
        if (options.exitAfter() != null) {
            exitTimer = new PauseTransition(javafx.util.Duration.millis(options.exitAfter().toMillis()));
            exitTimer.setOnFinished(e -> {
                if (options.screenshotRequested() && !session.isScreenshotTaken()) {
                    LOG.error("No screenshot after {}: the live data was not there in time", options.exitAfter());
                }
                LOG.info("Closing the window: {} elapsed", options.exitAfter());
                quit.run();
            });
            exitTimer.play();
        }
        showRequestedSection(options);
        if (options.screenshotRequested()) {
            shell.liveDataReadyProperty().addListener((obs, was, ready) -> {
                if (ready && options.screenshotDelay() != null && !options.screenshotDelay().isZero()) {
                    PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(
                            options.screenshotDelay().toMillis()));
                    wait.setOnFinished(e -> capture(options.screenshot()));
                    wait.play();
                } else if (ready) {
                    // One more pulse, so the tick that made the data ready is laid out and drawn.
                    Platform.runLater(() -> capture(options.screenshot()));
                }
            });
        }
    }

    private void showRequestedSection(GuiOptions options) {
        if (options.section() == null || !shell.showSection(options.section())) {
            shell.showFirstSection();
        }
    }

    private void capture(Path target) {
        if (captured) {
            return;
        }
        captured = true;
        showRequestedSection(session.options());
        try {
            WindowSnapshot.writePng(stage.getScene(), target);
            session.screenshotTaken();
            LOG.info("Screenshot of the window written to {}", target.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write the screenshot to {}", target.toAbsolutePath(), e);
        }
        if (exitTimer != null) {
            exitTimer.stop();
        }
        quit.run();
    }
}
