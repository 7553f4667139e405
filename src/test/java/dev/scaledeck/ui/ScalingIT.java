package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.scaling.DecisionRow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Scaling section of the real window, headless, on the embedded environment: three sample
 * instances on the local platform and the auto-scaler evaluating every second (recommend mode,
 * so only the operator changes the count).
 */
class ScalingIT extends SectionWindowIT {


    private EngineLauncher localEnvironment() {
        return progress -> {
            progress.accept("Starting three sample instances on the local platform");
            LaunchedEngine launched = TestEngines.local(home, 3, Map.of("SCALEDECK_SCALING_INTERVAL", "1s",
                    "SCALEDECK_SCALING_WARMUP", "0s", "SCALEDECK_SCALING_MODE", "recommend"));
            engine.set(launched.engine());
            launched.engine().autoScaler().start();
            return launched;
        };
    }

    private List<DecisionRow> log() {
        return WindowProbe.onFx(() -> List.copyOf(window.<TableView<DecisionRow>>node("scaling-decisions")
                .orElseThrow().getItems()));
    }

    @Test
    void shouldFillTheDecisionLogAndScaleToTheCountTheOperatorConfirms() throws Exception {
        opened = TestWindow.open(localEnvironment());
        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));

        window.robot().clickOn("Scaling");
        await().atMost(Duration.ofSeconds(15)).until(() -> window.shown("scaling-decisions") && log().size() >= 3);
        assertThat(window.text("scaling-platform"))
                .isEqualTo("local — the embedded sample instances · 3 replicas, 3 ready");
        assertThat(log().get(0).change()).isEqualTo("3 → 3");
        assertThat(window.text("scaling-latest")).contains(log().get(0).reason());

        window.robot().clickOn("#scaling-scale-to-count").write("4");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                WindowProbe.onFx(() -> !window.<Button>node("scaling-scale-to").orElseThrow().isDisabled()));
        window.robot().clickOn("#scaling-scale-to");
        Button confirm = window.robot().lookup((Node n) -> n instanceof Button b && "Scale to 4".equals(b.getText()))
                .query();
        window.robot().clickOn(confirm);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                engine.get().platform().orElseThrow().replicas().desired() == 4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(window.text("scaling-action-status")).isEqualTo("Scaled the embedded sample instances from 3 to 4");
            assertThat(window.text("scaling-replicas")).startsWith("4 current · 4 ready");
            assertThat(window.text("scaling-platform")).endsWith("· 4 replicas, 4 ready");
            assertThat(log()).anyMatch(row -> row.change().equals("3 → 4") && row.outcome().equals("applied")
                    && row.reason().equals("operator (window) asked for 4"));
        });
    }
}
