package dev.scaledeck.ui;

import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.ui.fixtures.TestEngines;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An alert raised on the engine pops up in the real window (ControlsFX, headless). */
class AlertNotificationsIT extends SectionWindowIT {

    /** The texts of every labelled node in the window's showing popups. */
    private static List<String> popupTexts() {
        return WindowProbe.onFx(() -> {
            List<String> texts = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w instanceof PopupWindow && w.isShowing() && w.getScene() != null) {
                    collect(w.getScene().getRoot(), texts);
                }
            }
            return texts;
        });
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            texts.add(labeled.getText());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }

    @Test
    void shouldPopUpANotificationWhenTheEngineRaisesAnAlert() throws Exception {
        opened = TestWindow.open(progress -> {
            engine.set(TestEngines.start(home, List.of(), Map.of()));
            return TestEngines.launched(engine.get(), "test engine");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));

        // A key no engine monitor evaluates: a real "pool.exhausted" is cleared by the pool's own
        // sampler a quarter of a second later, since the pool is not exhausted, sometimes before
        // the window's sampler has seen it.
        engine.get().alerts().raise("test.pool-exhausted", Severity.CRITICAL, "pool", "20/20 connections in use, 4 waiting");

        // Generous: on a loaded 2-core machine the popup's fade-in and the 2 Hz sampler can take a while.
        await().atMost(Duration.ofSeconds(30)).until(() -> popupTexts().contains("Critical · pool"));
        assertThat(popupTexts()).contains("20/20 connections in use, 4 waiting");
        // Other alerts (no verified backup yet, scheduler lag on a loaded machine) count too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(window.text("alerts-status"))
                .isEqualTo(activeAlerts(engine.get().alerts().active().size())));
        assertThat(differingPixelsInScreenshot()).as("pixels the popup adds to the screenshot").isGreaterThan(10_000);

        // Raised and cleared before the window's next sample: it still pops up, told by the engine.
        engine.get().alerts().raise("test.brief", Severity.WARNING, "balancer", "no instance eligible for 200 ms");
        engine.get().alerts().clear("test.brief", "an instance is eligible again");
        await().atMost(Duration.ofSeconds(30)).until(() -> popupTexts().contains("Warning · balancer"));
        assertThat(popupTexts()).contains("no instance eligible for 200 ms\n(already cleared)");
    }

    private static String activeAlerts(int count) {
        return count + (count == 1 ? " active alert" : " active alerts");
    }

    /** Writes the window's screenshot and counts the pixels in which it differs from the scene alone. */
    private int differingPixelsInScreenshot() throws Exception {
        Path png = home.resolve("with-notification.png");
        BufferedImage sceneOnly = WindowProbe.onFx(() -> {
            Scene scene = Window.getWindows().stream().filter(w -> w instanceof Stage stage
                    && ScaleDeckApp.TITLE.equals(stage.getTitle())).findFirst().orElseThrow().getScene();
            WindowSnapshot.writePng(scene, png);
            return SwingFXUtils.fromFXImage(scene.snapshot(null), null);
        });
        BufferedImage written = ImageIO.read(png.toFile());
        int differing = 0;
        for (int y = 0; y < written.getHeight(); y++) {
            for (int x = 0; x < written.getWidth(); x++) {
                if (written.getRGB(x, y) != sceneOnly.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return differing;
    }
}
