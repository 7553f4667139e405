package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.recovery.PlanStep;
import dev.scaledeck.ui.fixtures.TestEngines;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Disaster recovery section of the real window, headless, on a real engine and the shipped runbooks. */
class RecoveryIT extends SectionWindowIT {

    private EngineLauncher launcher() {
        return progress -> {
            progress.accept("Starting the test engine");
            engine.set(TestEngines.start(home));
            return TestEngines.launched(engine.get(), "test engine");
        };
    }

    /** Whether a cell of the table with this id shows exactly {@code text}. */
    private boolean cellShows(String tableId, String text) {
        return WindowProbe.onFx(() -> window.robot().lookup("#" + tableId)
                .lookup((Node n) -> n instanceof TableCell<?, ?> c && text.equals(c.getText())).tryQuery().isPresent());
    }

    @Test
    void shouldListEveryStepOfADryRunOfTheSelectedPlan() throws Exception {
        opened = TestWindow.open(launcher());
        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));

        window.robot().clickOn("Disaster recovery");
        await().atMost(Duration.ofSeconds(10)).until(() -> window.shown("recovery-plans")
                && cellShows("recovery-plans", "database-down"));
        window.robot().clickOn(window.robot().lookup("#recovery-plans")
                .lookup((Node n) -> n instanceof TableCell<?, ?> c && "database-down".equals(c.getText())).<Node>query());
        await().atMost(Duration.ofSeconds(5)).until(() -> window.text("recovery-selection")
                .equals("Selected: Database down (database-down)")
                && WindowProbe.onFx(() -> !window.<Button>node("recovery-dry-run").orElseThrow().isDisabled()));

        window.robot().clickOn("#recovery-dry-run");

        List<String> steps = engine.get().recovery().plan("database-down").orElseThrow().steps().stream()
                .map(PlanStep::name).toList();
        await().atMost(Duration.ofSeconds(15)).until(() -> window.text("recovery-run-outcome").startsWith("SUCCEEDED"));
        assertThat(window.text("recovery-run-outcome")).endsWith("nothing was changed");
        assertThat(window.text("recovery-run-title")).startsWith("Dry run of Database down (database-down)");
        for (String step : steps) {
            assertThat(cellShows("recovery-steps", step)).as(step).isTrue();
        }
        assertThat(cellShows("recovery-steps", "PLANNED")).isTrue();
    }
}
