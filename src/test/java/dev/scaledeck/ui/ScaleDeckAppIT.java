package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.fixtures.TestEngines;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real window, headless, on a real engine and a real PostgreSQL. */
class ScaleDeckAppIT {

    @TempDir
    Path home;
    private final WindowProbe window = new WindowProbe();
    private final AtomicReference<ScalingEngine> engine = new AtomicReference<>();
    private GuiSession session;
    private Application app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        if (session != null) {
            session.engineClosed().get(30, TimeUnit.SECONDS);
        }
        if (engine.get() != null) {
            assertThat(engine.get().isClosed()).as("the engine is closed with the window").isTrue();
        }
        assertThat(ScaleDeckApp.handOffPending()).isFalse();
    }

    private EngineLauncher realLauncher() {
        return progress -> {
            progress.accept("Starting the test engine");
            engine.set(TestEngines.start(home));
            return TestEngines.launched(engine.get(), "test engine on embedded PostgreSQL");
        };
    }

    private void open(GuiOptions options) throws Exception {
        session = ScaleDeckApp.handOff(realLauncher(), options, false);
        app = FxToolkit.setupApplication(ScaleDeckApp.class);
    }

    @Test
    void shouldShowLivePoolDataOnceTheEngineRuns() throws Exception {
        open(GuiOptions.interactive());
        assertThat(ScaleDeckApp.handOffPending()).as("the hand-off is taken, not left for the next window").isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));
        window.robot().clickOn("Pool");
        await().atMost(Duration.ofSeconds(15)).until(() -> WindowProbe.onFx(() -> window.<LiveChart>node("pool-connections-chart")
                .map(chart -> chart.drawnPoints("Active")).orElse(0)) >= 3);

        assertThat(window.shown("pool-connections-chart")).isTrue();
        assertThat(window.shown("startup")).isFalse();
        assertThat(window.text("engine-description")).isEqualTo("test engine on embedded PostgreSQL");
        await().atMost(Duration.ofSeconds(10)).until(() -> window.text("database-status").endsWith("· reachable"));
        assertThat(window.text("database-status")).startsWith("postgresql://");
        assertThat(window.text("pool-max")).isEqualTo("20");
        Stage stage = WindowProbe.onFx(() -> (Stage) Window.getWindows().stream().filter(Window::isShowing)
                .findFirst().orElseThrow());
        assertThat(stage.getTitle()).isEqualTo("ScaleDeck");
        assertThat(stage.getScene().getWidth()).isEqualTo(ScaleDeckApp.DEFAULT_WIDTH);
    }

    @Test
    void shouldWriteAScreenshotOfTheOverviewOnceLiveDataIsThereAndClose() throws Exception {
        Path shot = home.resolve("shots/window.png");
        open(new GuiOptions(shot, Duration.ofSeconds(60)));

        await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(shot));
        session.engineClosed().get(30, TimeUnit.SECONDS);

        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo((int) ScaleDeckApp.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo((int) ScaleDeckApp.DEFAULT_HEIGHT);
        assertThat(session.exitCode()).isEqualTo(ScaleDeckApp.EXIT_OK);
        assertThat(window.shown("overview-traffic-chart")).as("the window closed after the screenshot").isFalse();
    }
}
