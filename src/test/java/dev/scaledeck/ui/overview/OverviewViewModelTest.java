package dev.scaledeck.ui.overview;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.BreakerState;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.ui.common.AlertItem;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.fixtures.TinyInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview fed with real snapshots: a real engine, real HTTP instances; no toolkit. */
class OverviewViewModelTest {

    @TempDir
    static Path home;
    private static TinyInstance healthy;
    private static TinyInstance sick;
    private static ScalingEngine engine;

    @BeforeAll
    static void start() throws Exception {
        healthy = new TinyInstance("a-healthy");
        healthy.figures(0.25, 3.5, 12.5);
        sick = new TinyInstance("b-sick");
        sick.healthy(false);
        InstanceSpec gone = new InstanceSpec("c-gone", URI.create("http://127.0.0.1:" + freePort() + "/"), 100);
        engine = TestEngines.start(home, List.of(healthy.spec(), sick.spec(), gone), Map.of());
        engine.instances().probeAll().get(10, TimeUnit.SECONDS);
        healthy.served(20);
        engine.instances().probeAll().get(10, TimeUnit.SECONDS);
        // The balancer's own probes: enough failures in a row make the sick and the gone UNHEALTHY.
        for (int i = 0; i < engine.config().balancer().unhealthyThreshold(); i++) {
            engine.probeInstances().get(10, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        engine.close();
        healthy.close();
        sick.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static InstanceRow row(OverviewViewModel vm, String id) {
        return vm.instances().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldShowEveryInstanceInTheBalancersStateWithTheScrapersFigures() {
        OverviewViewModel vm = new OverviewViewModel(ZoneOffset.UTC);

        EngineSnapshot snapshot = EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
        vm.update(snapshot);

        assertThat(vm.instances()).extracting(InstanceRow::id).containsExactly("a-healthy", "b-sick", "c-gone");
        InstanceRow up = row(vm, "a-healthy");
        assertThat(up.stateText()).isEqualTo("HEALTHY");
        assertThat(up.stateStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(up.takesTraffic()).isTrue();
        assertThat(up.url()).isEqualTo(healthy.url().toString());
        assertThat(up.latencyP95()).isEqualTo("12.5 ms");
        assertThat(up.utilization()).isEqualTo("25 %");
        assertThat(up.requestsPerSecond()).isNotEqualTo(Formats.NONE);
        // The reason is the balancer's wording; the row must carry it, whatever it says.
        for (String id : List.of("b-sick", "c-gone")) {
            InstanceRow out = row(vm, id);
            String reason = snapshot.balancer().instance(id).reason();
            assertThat(reason).isNotBlank();
            assertThat(out.stateText()).isEqualTo("UNHEALTHY · " + reason);
            assertThat(out.stateStyle()).isEqualTo(StatusStyles.BAD);
            assertThat(out.takesTraffic()).isFalse();
        }
        assertThat(row(vm, "c-gone").requestsPerSecond()).isEqualTo(Formats.NONE);
        assertThat(vm.instancesSummaryProperty().get()).isEqualTo("1 of 3 instances take traffic");
    }

    @Test
    void shouldShowTheBalancersEjectionOverAHealthEndpointThatSaysUp() {
        OverviewViewModel vm = new OverviewViewModel(ZoneOffset.UTC);
        EngineSnapshot taken = EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
        assertThat(taken.instances().stream().filter(s -> s.id().equals("a-healthy")).findFirst().orElseThrow().state())
                .isEqualTo(InstanceState.UP);
        BalancerStats b = taken.balancer();
        List<InstanceStats> ejected = b.instances().stream()
                .map(s -> !s.id().equals("a-healthy") ? s
                        : new InstanceStats(s.id(), s.url(), s.weight(), s.effectiveWeight(), InstanceHealth.EJECTED,
                        "5 consecutive failures", s.since(), s.requests(), s.inFlight(), s.errors(), s.latencyP50Ms(),
                        s.latencyP99Ms(), s.trafficShare(), BreakerState.CLOSED))
                .toList();
        EngineSnapshot snapshot = new EngineSnapshot(taken.time(), taken.pool(), taken.resources(),
                taken.activeAlerts(), taken.instances(), taken.databaseUrl(), taken.database(),
                new BalancerStats(b.time(), b.strategy(), true, ejected, b.requests(), b.inFlight(), b.errors(), 0),
                taken.health(), taken.platform(), taken.platformInstances(), taken.failovers(), taken.scaling());

        vm.update(snapshot);

        InstanceRow row = row(vm, "a-healthy");
        assertThat(row.stateText()).isEqualTo("EJECTED · 5 consecutive failures");
        assertThat(row.stateStyle()).isEqualTo(StatusStyles.EJECTED);
        assertThat(row.takesTraffic()).isFalse();
        assertThat(row.latencyP95()).as("figures stay the scraper's").isEqualTo("12.5 ms");
        assertThat(vm.instancesSummaryProperty().get()).isEqualTo("0 of 3 instances take traffic");
    }

    @Test
    void shouldShowAHealthyInstanceWithAnOpenBreakerAsNotTakingTraffic() {
        InstanceSpec spec = new InstanceSpec("x", URI.create("http://127.0.0.1:1/"), 1);
        InstanceStatus status = new InstanceStatus(spec, InstanceState.UP, "health 200", Instant.now(),
                1, 0, 0, 0.1, 1, 2, 10, 20);
        InstanceStats stats = new InstanceStats("x", spec.url(), 1, 1, InstanceHealth.HEALTHY, "added",
                Instant.now(), 0, 0, 0, -1, -1, 0, BreakerState.OPEN);

        InstanceRow row = InstanceRow.of(status, stats);

        assertThat(row.stateText()).isEqualTo("HEALTHY · circuit breaker open");
        assertThat(row.stateStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(row.takesTraffic()).isFalse();
    }

    @Test
    void shouldFallBackToTheScrapersStateForAnInstanceTheBalancerDoesNotKnow() {
        InstanceSpec spec = new InstanceSpec("new", URI.create("http://127.0.0.1:1/"), 1);
        InstanceStatus status = new InstanceStatus(spec, InstanceState.UNKNOWN, "not probed yet", Instant.now(),
                -1, -1, -1, -1, -1, -1, -1, -1);

        InstanceRow row = InstanceRow.of(status, null);

        assertThat(row.stateText()).isEqualTo("UNKNOWN · not probed yet");
        assertThat(row.stateStyle()).isEqualTo(StatusStyles.UNKNOWN);
        assertThat(row.takesTraffic()).isFalse();
        assertThat(List.of(row.requestsPerSecond(), row.latencyP95(), row.utilization())).containsOnly(Formats.NONE);
    }

    @Test
    void shouldShowThePoolAtAGlanceAndChartTheConnectionsAcquiredPerSecond() throws Exception {
        OverviewViewModel vm = new OverviewViewModel(ZoneOffset.UTC);

        EngineSnapshot first = EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
        vm.update(first);
        for (int i = 0; i < 3; i++) {
            engine.pool().withConnection(c -> c.isValid(1));
        }
        Thread.sleep(5);
        EngineSnapshot second = EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
        vm.update(second);

        double seconds = java.time.Duration.between(first.time(), second.time()).toNanos() / 1e9;
        double expected = (second.pool().acquired() - first.pool().acquired()) / seconds;
        assertThat(vm.trafficChart().size()).isEqualTo(2);
        assertThat(vm.trafficChart().seriesNames()).containsExactly("Requests (all instances)", "Connections acquired");
        assertThat(vm.trafficChart().values(1)[0]).isZero();
        assertThat(vm.trafficChart().latest(1)).isPositive().isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(vm.activeDetailProperty().get()).startsWith("of 20 max");
        assertThat(vm.waitingProperty().get()).isEqualTo("0");
        assertThat(vm.waitingStyleProperty().get()).isEqualTo(StatusStyles.SEVERITY_NONE);
        assertThat(vm.acquireWaitP99Property().get()).endsWith("ms");
    }

    @Test
    void shouldListActiveAlertsMostSevereFirst() {
        OverviewViewModel vm = new OverviewViewModel(ZoneOffset.UTC);
        engine.alerts().raise("test.warning", Severity.WARNING, "jvm", "a warning");
        engine.alerts().raise("test.critical", Severity.CRITICAL, "pool", "a critical one");
        try {
            vm.update(EngineSnapshot.take(engine, DatabaseStatus.REACHABLE));

            List<AlertItem> ours = vm.alerts().stream().filter(a -> a.key().startsWith("test.")).toList();
            assertThat(ours).extracting(AlertItem::key).containsExactly("test.critical", "test.warning");
            assertThat(ours).extracting(AlertItem::styleClass)
                    .containsExactly(StatusStyles.SEVERITY_CRITICAL, StatusStyles.SEVERITY_WARNING);
        } finally {
            engine.alerts().clear("test.warning", "test over");
            engine.alerts().clear("test.critical", "test over");
        }
    }
}
