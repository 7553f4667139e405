package dev.scaledeck.ui.balancer;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.Strategy;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.fixtures.TinyInstance;
import dev.scaledeck.ui.fixtures.TinyPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The balancer view model on a real engine whose balancer spreads over real local HTTP instances; no toolkit. */
class BalancerViewModelTest {

    @TempDir
    static Path home;
    private static final List<TinyInstance> tiny = new ArrayList<>();
    private static ScalingEngine engine;
    private final RecordingDialogService dialogs = new RecordingDialogService(true);
    private final BalancerViewModel vm = new BalancerViewModel(new CurrentThreadTaskExecutor(), dialogs);

    @BeforeAll
    static void startEngine() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            TinyInstance instance = new TinyInstance("sample-" + i);
            tiny.add(instance);
            specs.add(instance.spec());
        }
        engine = TestEngines.start(home, specs, Map.of());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
        tiny.forEach(TinyInstance::close);
    }

    private static EngineSnapshot snapshot() {
        return EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
    }

    private void started() {
        vm.engineStarted(engine);
        vm.update(snapshot());
    }

    private static void sendThroughTheBalancer(int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            engine.cluster().send("GET", "/convert", null, Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldListEveryInstanceWithItsBalancerState() {
        started();

        assertThat(vm.instances()).extracting(BalancerInstanceRow::id).containsExactly("sample-1", "sample-2", "sample-3");
        BalancerInstanceRow first = vm.instances().get(0);
        assertThat(first.stateProperty().get()).startsWith("HEALTHY");
        assertThat(first.stateStyleProperty().get()).isEqualTo(StatusStyles.GOOD);
        assertThat(first.breakerProperty().get()).isEqualTo("closed");
        assertThat(first.urlProperty().get()).isEqualTo(tiny.get(0).url().toString());
        assertThat(first.processProperty().get()).as("no platform").isEqualTo("—");
        assertThat(vm.summaryProperty().get()).startsWith("3 instances · 3 taking traffic");
        assertThat(vm.panicProperty().get()).isFalse();
        assertThat(vm.distributionChart().seriesNames()).containsExactly("sample-1", "sample-2", "sample-3");
    }

    @Test
    void shouldShowSlowStartAsTheConfiguredWeightRamping() {
        assertThat(BalancerViewModel.weightText(1, 0.4)).isEqualTo("1 (ramping 0.4)");
        assertThat(BalancerViewModel.weightText(100, 42.4)).isEqualTo("100 (ramping 42)");
        assertThat(BalancerViewModel.weightText(5, 5.0)).isEqualTo("5");
    }

    @Test
    void shouldEjectTheSelectedInstanceOnceConfirmedAndShowItEjectedOnTheNextUpdate() {
        started();
        vm.select("sample-2");
        assertThat(vm.canEjectProperty().get()).isTrue();
        assertThat(vm.canRestoreProperty().get()).isFalse();

        vm.eject();

        assertThat(dialogs.questions()).hasSize(1);
        assertThat(dialogs.questions().get(0).message())
                .startsWith("Eject sample-2? It takes no new requests until you restore it; its in-flight requests");
        assertThat(engine.balancer().stats().instance("sample-2").state()).isEqualTo(InstanceHealth.EJECTED);
        vm.update(snapshot());
        BalancerInstanceRow row = vm.instance("sample-2").orElseThrow();
        assertThat(row.stateProperty().get()).startsWith("EJECTED · operator: ");
        assertThat(row.stateStyleProperty().get()).isEqualTo(StatusStyles.EJECTED);
        assertThat(vm.selectedProperty().get()).as("the selection survives the update").isSameAs(row);
        assertThat(vm.canEjectProperty().get()).isFalse();
        assertThat(vm.canRestoreProperty().get()).isTrue();

        vm.restore();
        vm.update(snapshot());

        assertThat(row.stateProperty().get()).isEqualTo("HEALTHY");
        assertThat(dialogs.errors()).isEmpty();
    }

    @Test
    void shouldLeaveTheInstanceAloneWhenTheOperatorSaysNo() {
        started();
        vm.select("sample-1");
        dialogs.answer(false);

        vm.eject();
        vm.drain();

        assertThat(dialogs.questions()).hasSize(2);
        assertThat(dialogs.questions().get(1).message()).contains("cannot be restored");
        assertThat(engine.balancer().stats().instance("sample-1").state()).isEqualTo(InstanceHealth.HEALTHY);
    }

    @Test
    void shouldChangeTheBalancersStrategyWhenTheOperatorPicksOne() {
        started();
        Strategy before = engine.balancer().strategy();
        assertThat(vm.strategyProperty().get()).isEqualTo(before);
        try {
            vm.strategyProperty().set(Strategy.LEAST_CONNECTIONS);

            assertThat(engine.balancer().strategy()).isEqualTo(Strategy.LEAST_CONNECTIONS);
            vm.update(snapshot());
            assertThat(vm.strategyProperty().get()).isEqualTo(Strategy.LEAST_CONNECTIONS);
        } finally {
            engine.balancer().setStrategy(before);
        }
        vm.update(snapshot());
        assertThat(vm.strategyProperty().get()).as("follows a change made elsewhere").isEqualTo(before);
    }

    @Test
    void shouldComputeRequestsPerSecondPerInstanceFromTheDeltasBetweenSnapshots() throws Exception {
        vm.engineStarted(engine);
        EngineSnapshot first = snapshot();
        vm.update(first);
        sendThroughTheBalancer(60);
        Thread.sleep(200);
        EngineSnapshot second = snapshot();

        vm.update(second);

        BalancerStats a = first.balancer();
        BalancerStats b = second.balancer();
        double seconds = Duration.between(a.time(), b.time()).toNanos() / 1e9;
        double total = 0;
        for (String id : List.of("sample-1", "sample-2", "sample-3")) {
            double expected = (b.instance(id).requests() - a.instance(id).requests()) / seconds;
            total += expected;
            assertThat(vm.distributionChart().latest(id)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(vm.instance(id).orElseThrow().requestsPerSecondProperty().get())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", expected));
        }
        assertThat(total * seconds).isCloseTo(60, org.assertj.core.data.Offset.offset(0.5));
        assertThat(vm.distributionChart().size()).as("no point before the first delta").isEqualTo(1);
    }

    @Test
    void shouldFollowInstancesThatJoinAndLeaveAndReportAFailedAction() throws Exception {
        try (TinyInstance extra = new TinyInstance("sample-9")) {
            started();
            engine.addInstance(extra.spec());
            vm.update(snapshot());
            assertThat(vm.distributionChart().seriesNames()).containsExactly("sample-1", "sample-2", "sample-3", "sample-9");
            assertThat(vm.distributionChart().size()).as("history kept").isEqualTo(1);
            vm.select("sample-9");

            engine.balancer().drain("sample-9"); // elsewhere, before this window saw it
            vm.eject();

            assertThat(dialogs.errors()).hasSize(1);
            assertThat(dialogs.errors().get(0).title()).isEqualTo("Could not eject sample-9");
            assertThat(vm.busyProperty().get()).isFalse();

            engine.removeInstance("sample-9").get(10, TimeUnit.SECONDS);
            vm.update(snapshot());
            assertThat(vm.instances()).extracting(BalancerInstanceRow::id).doesNotContain("sample-9");
            assertThat(vm.selectedProperty().get()).isNull();
            assertThat(vm.distributionChart().seriesNames()).containsExactly("sample-1", "sample-2", "sample-3");
        }
    }

    @Test
    void shouldOfferStopAndStartOnlyWithAPlatformAndStopTheInstanceOnceConfirmed(@TempDir Path otherHome) throws Exception {
        started();
        vm.select("sample-3");
        assertThat(vm.canStopProperty().get()).as("no platform").isFalse();
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.platformTextProperty().get()).contains("Stop and Start are unavailable");

        try (TinyInstance a = new TinyInstance("app-1"); TinyInstance b = new TinyInstance("app-2")) {
            ScalingEngine withPlatform = TestEngines.start(otherHome, List.of(a.spec(), b.spec()), Map.of());
            try {
                Map<String, TinyInstance> fleet = new LinkedHashMap<>();
                fleet.put("app-1", a);
                fleet.put("app-2", b);
                withPlatform.usePlatform(new TinyPlatform(fleet));
                BalancerViewModel other = new BalancerViewModel(new CurrentThreadTaskExecutor(), dialogs);
                other.engineStarted(withPlatform);
                other.update(EngineSnapshot.take(withPlatform, DatabaseStatus.REACHABLE));
                other.select("app-2");
                assertThat(other.instance("app-2").orElseThrow().processProperty().get()).isEqualTo("running");
                assertThat(other.canStopProperty().get()).isTrue();
                assertThat(other.canStartProperty().get()).isFalse();

                other.stop();

                assertThat(dialogs.questions().get(dialogs.questions().size() - 1).message()).startsWith("Stop app-2?");
                other.update(EngineSnapshot.take(withPlatform, DatabaseStatus.REACHABLE));
                assertThat(other.instance("app-2").orElseThrow().processProperty().get()).isEqualTo("stopped");
                assertThat(other.canStartProperty().get()).isTrue();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    other.update(EngineSnapshot.take(withPlatform, DatabaseStatus.REACHABLE));
                    assertThat(other.instance("app-2").orElseThrow().stateProperty().get()).startsWith("UNHEALTHY");
                });

                other.start();
                other.update(EngineSnapshot.take(withPlatform, DatabaseStatus.REACHABLE));
                assertThat(other.instance("app-2").orElseThrow().processProperty().get()).isEqualTo("running");
                assertThat(dialogs.errors()).isEmpty();
            } finally {
                withPlatform.close();
            }
        }
    }
}
