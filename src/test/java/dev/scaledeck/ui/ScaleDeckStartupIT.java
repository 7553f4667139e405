package dev.scaledeck.ui;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.ui.fixtures.TestEngines;
import javafx.application.Application;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The window before the engine runs: what it waits for, and a launch that fails. */
class ScaleDeckStartupIT {

    private static final String WAITING_FOR = "Starting embedded PostgreSQL 17";

    @TempDir
    Path home;
    private final WindowProbe window = new WindowProbe();
    private final CountDownLatch release = new CountDownLatch(1);
    private GuiSession session;
    private Application app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        release.countDown();
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        if (session != null) {
            session.engineClosed().get(30, TimeUnit.SECONDS);
        }
        assertThat(ScaleDeckApp.handOffPending()).isFalse();
    }

    @Test
    void shouldSayWhatItWaitsForWhileTheLauncherBlocksThenGoLive() throws Exception {
        ScalingEngine[] engine = new ScalingEngine[1];
        session = ScaleDeckApp.handOff(progress -> {
            progress.accept(WAITING_FOR);
            release.await();
            engine[0] = TestEngines.start(home);
            return TestEngines.launched(engine[0], "test engine");
        }, GuiOptions.interactive(), false);
        app = FxToolkit.setupApplication(ScaleDeckApp.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> window.text("startup-progress").equals(WAITING_FOR));
        assertThat(window.shown("startup-progress")).isTrue();
        assertThat(window.text("engine-state")).isEqualTo("Starting…");
        assertThat(window.text("status-message")).isEqualTo(WAITING_FOR);
        assertThat(window.shown("startup-failure")).isFalse();

        release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !window.shown("startup"));
        assertThat(window.shown("overview-traffic-chart")).isTrue();
    }

    @Test
    void shouldShowWhyTheEngineCouldNotStart() throws Exception {
        String why = "Port 5432 is in use by another program; stop it or set DATABASE_URL";
        session = ScaleDeckApp.handOff(progress -> {
            progress.accept(WAITING_FOR);
            throw new IllegalStateException(why);
        }, GuiOptions.interactive(), false);
        app = FxToolkit.setupApplication(ScaleDeckApp.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> window.text("engine-state").equals("Failed"));

        assertThat(window.text("startup-failure")).isEqualTo(why);
        assertThat(window.shown("startup-failure")).isTrue();
        assertThat(window.shown("startup-progress")).as("no spinner for a start that is over").isFalse();
        assertThat(window.text("status-message")).isEqualTo("Could not start: " + why);
        assertThat(session.exitCode()).isEqualTo(ScaleDeckApp.EXIT_ENGINE_FAILED);
    }
}
