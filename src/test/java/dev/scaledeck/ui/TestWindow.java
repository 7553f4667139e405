package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import javafx.application.Application;
import org.testfx.api.FxToolkit;

import java.util.concurrent.TimeUnit;

/**
 * The real window on a test's engine launcher, headless (the primary stage must be registered
 * first); closing it closes the window and waits for the engine to stop.
 */
final class TestWindow implements AutoCloseable {

    private final GuiSession session;
    private final Application app;

    private TestWindow(GuiSession session, Application app) {
        this.session = session;
        this.app = app;
    }

    static TestWindow open(EngineLauncher launcher) throws Exception {
        GuiSession session = ScaleDeckApp.handOff(launcher, GuiOptions.interactive(), false);
        return new TestWindow(session, FxToolkit.setupApplication(ScaleDeckApp.class));
    }

    @Override
    public void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        session.engineClosed().get(30, TimeUnit.SECONDS);
    }
}
