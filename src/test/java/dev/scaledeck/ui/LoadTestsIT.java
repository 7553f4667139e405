package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.fixtures.TinyInstance;
import dev.scaledeck.ui.loadtest.InstanceShare;
import dev.scaledeck.ui.loadtest.LoadTestCharts;
import dev.scaledeck.ui.loadtest.ReportRow;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Load tests section of the real window, headless, on a real engine whose balancer spreads
 * over two small loopback instances: a short cluster run from the form fills the charts and the
 * per-instance shares, and lands in the history as passed. Leaves two screenshots under
 * {@code target/screenshots} (during and after the run) for a person to judge.
 */
class LoadTestsIT extends SectionWindowIT {

    private TinyInstance first;
    private TinyInstance second;

    @BeforeEach
    void instances() throws Exception {
        first = new TinyInstance("converter-1");
        second = new TinyInstance("converter-2");
    }

    @AfterEach
    void stopInstances() {
        first.close();
        second.close();
    }

    private EngineLauncher engineWithTwoInstances() {
        return progress -> {
            progress.accept("Starting the test engine with two instances");
            engine.set(TestEngines.start(home, List.of(first.spec(), second.spec()), Map.of()));
            return TestEngines.launched(engine.get(), "test engine, two loopback instances");
        };
    }

    private void type(String id, String text) {
        WindowProbe.onFx(() -> {
            window.<TextField>node(id).orElseThrow().setText(text);
            return null;
        });
    }

    private int drawn(String chartId, String series) {
        return WindowProbe.onFx(() -> window.<LiveChart>node(chartId).orElseThrow().drawnPoints(series));
    }

    private <T> List<T> rows(String tableId) {
        return WindowProbe.onFx(() -> List.copyOf(window.<TableView<T>>node(tableId).orElseThrow().getItems()));
    }

    private void screenshot(String name) {
        WindowProbe.onFx(() -> {
            WindowSnapshot.writePng(window.node("loadtests").orElseThrow().getScene(),
                    Path.of("target", "screenshots", name));
            return null;
        });
    }

    @Test
    void shouldFillTheChartsDuringAShortClusterRunAndListItAsPassed() throws Exception {
        opened = TestWindow.open(engineWithTwoInstances());
        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));

        window.robot().clickOn("Load tests");
        await().atMost(Duration.ofSeconds(10)).until(() -> window.shown("loadtests-start"));
        assertThat(rows("loadtests-history")).as("no run yet").isEmpty();
        type("loadtests-users", "8");
        type("loadtests-ramp-up", "2s");
        type("loadtests-duration", "6s");
        type("loadtests-target", "/convert");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                WindowProbe.onFx(() -> !window.<Button>node("loadtests-start").orElseThrow().isDisabled()));
        assertThat(window.text("loadtests-form-message")).isEqualTo("Start runs 8 users, ramp-up 2s against the "
                + "cluster: /convert for 6s; passes when p95<500ms, error_rate<1%.");

        window.robot().clickOn("#loadtests-start");

        await().atMost(Duration.ofSeconds(10)).until(() -> window.text("loadtests-status").startsWith("Running "));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                drawn("loadtests-throughput-chart", LoadTestCharts.ACHIEVED) >= 3
                        && drawn("loadtests-latency-chart", LoadTestCharts.P99) >= 3
                        && drawn("loadtests-load-chart", LoadTestCharts.USERS) >= 3
                        && rows("loadtests-instances").size() == 2);
        assertThat(window.text("loadtests-progress")).contains(" of 6s · ").contains(" req/s · ");
        assertThat(WindowProbe.onFx(() -> window.<Button>node("loadtests-stop").orElseThrow().isDisabled())).isFalse();
        screenshot("loadtests-running.png");

        await().atMost(Duration.ofSeconds(15)).until(() -> window.text("loadtests-status").startsWith("Passed: "));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("loadtests-history").size() == 1);
        ReportRow row = this.<ReportRow>rows("loadtests-history").get(0);
        assertThat(row.result()).isEqualTo("PASS");
        assertThat(row.target()).isEqualTo("the cluster: /convert");
        assertThat(row.state()).isEqualTo("completed");
        assertThat(window.text("loadtests-report-path")).isEqualTo(row.html().orElseThrow().toString());
        List<InstanceShare> shares = rows("loadtests-instances");
        assertThat(shares).extracting(InstanceShare::instance).containsExactly("converter-1", "converter-2");
        assertThat(drawn("loadtests-throughput-chart", LoadTestCharts.ACHIEVED)).isGreaterThanOrEqualTo(5);
        screenshot("loadtests-done.png");

        WindowProbe.onFx(() -> {
            window.<ScrollPane>node("loadtests-scroll").orElseThrow().setVvalue(1); // as the operator scrolls down
            return null;
        });
        window.robot().clickOn("#loadtests-open-report");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(window.text("loadtests-history-message"))
                .isEqualTo("Open " + row.html().orElseThrow() + " in a browser: this machine has no desktop browser to ask."));
    }
}
