package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.fixtures.TinyInstance;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Balancer section of the real window, headless, on a real engine whose balancer gets real traffic. */
class BalancerIT {

    @TempDir
    Path home;
    private final WindowProbe window = new WindowProbe();
    private final AtomicReference<ScalingEngine> engine = new AtomicReference<>();
    private final List<TinyInstance> instances = new ArrayList<>();
    private volatile boolean sending = true;
    private Thread traffic;
    private GuiSession session;
    private Application app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        sending = false;
        if (traffic != null) {
            traffic.join(5_000);
        }
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        if (session != null) {
            session.engineClosed().get(30, TimeUnit.SECONDS);
        }
        instances.forEach(TinyInstance::close);
    }

    private EngineLauncher launcherWithTraffic() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            TinyInstance instance = new TinyInstance("sample-" + i);
            instances.add(instance);
            specs.add(instance.spec());
        }
        return progress -> {
            progress.accept("Starting the test engine");
            engine.set(TestEngines.start(home, specs, Map.of()));
            traffic = new Thread(this::sendRequests, "balancer-it-traffic");
            traffic.setDaemon(true);
            traffic.start();
            return TestEngines.launched(engine.get(), "test engine with three tiny instances");
        };
    }

    /** About a hundred requests a second through the balancer, until the test ends. */
    private void sendRequests() {
        while (sending && !engine.get().isClosed()) {
            try {
                engine.get().cluster().sendAsync("GET", "/convert", null, Duration.ofSeconds(5));
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // closing, or no instance eligible for a moment: keep going
            }
        }
    }

    private LiveChartModel distribution() {
        return WindowProbe.onFx(() -> window.<LiveChart>node("balancer-distribution-chart").orElseThrow().model());
    }

    private double latest(String id) {
        return WindowProbe.onFx(() -> window.<LiveChart>node("balancer-distribution-chart").orElseThrow().model().latest(id));
    }

    @Test
    void shouldTakeAnEjectedInstanceOutOfTheDistributionWhileTheOthersKeepServing() throws Exception {
        session = ScaleDeckApp.handOff(launcherWithTraffic(), GuiOptions.interactive(), false);
        app = FxToolkit.setupApplication(ScaleDeckApp.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));

        window.robot().clickOn("Balancer");
        await().atMost(Duration.ofSeconds(15)).until(() -> window.shown("balancer-distribution-chart")
                && distribution().seriesNames().equals(List.of("sample-1", "sample-2", "sample-3"))
                && latest("sample-1") > 0 && latest("sample-2") > 0 && latest("sample-3") > 0);

        Node row = window.robot().lookup((Node n) -> n instanceof TableCell<?, ?> c && "sample-2".equals(c.getText()))
                .query();
        window.robot().clickOn(row);
        await().atMost(Duration.ofSeconds(5)).until(() -> window.text("balancer-selection").startsWith("Selected: sample-2"));
        window.robot().clickOn("#balancer-eject");
        Button confirm = window.robot().lookup((Node n) -> n instanceof Button b && "Eject sample-2".equals(b.getText()))
                .query();
        window.robot().clickOn(confirm);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.get().balancer().stats().instance("sample-2").state() == InstanceHealth.EJECTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(latest("sample-2")).as("the ejected instance's requests/s").isZero();
            assertThat(latest("sample-1")).as("sample-1 keeps serving").isPositive();
            assertThat(latest("sample-3")).as("sample-3 keeps serving").isPositive();
        });
        assertThat(window.text("balancer-action-status")).startsWith("sample-2 ejected");
        assertThat(WindowProbe.onFx(() -> window.robot().lookup((Node n) -> n instanceof TableCell<?, ?> c
                && c.getText() != null && c.getText().startsWith("EJECTED")).tryQuery().isPresent())).isTrue();
    }
}
