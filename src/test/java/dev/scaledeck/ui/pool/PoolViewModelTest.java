package dev.scaledeck.ui.pool;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.AlertItem;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The pool view model fed with real snapshots of a real engine on a real PostgreSQL; no toolkit. */
class PoolViewModelTest {

    private static final int MAX_CONNECTIONS = 3;

    @TempDir
    static Path home;
    private static ScalingEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = TestEngines.start(home, List.of(), Map.of(
                "SUPABASE_MAX_CONNECTIONS", String.valueOf(MAX_CONNECTIONS),
                "SUPABASE_MIN_CONNECTIONS", "1",
                "SCALEDECK_POOL_ACQUIRE_TIMEOUT", "250ms"));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** Keeps the borrowed connection until the test releases it. */
    private static boolean holdUntil(CountDownLatch release) {
        try {
            return release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static EngineSnapshot snapshot() {
        return EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
    }

    @Test
    void shouldAddOnePointToEverySeriesPerSnapshot() {
        PoolViewModel vm = new PoolViewModel(ZoneOffset.UTC);

        for (int i = 0; i < 3; i++) {
            vm.update(snapshot());
        }

        assertThat(vm.connectionsChart().seriesNames()).containsExactly("Active", "Idle", "Waiting");
        assertThat(vm.connectionsChart().size()).isEqualTo(3);
        assertThat(vm.acquireWaitChart().seriesNames()).containsExactly("p50", "p99");
        assertThat(vm.acquireWaitChart().size()).isEqualTo(3);
        assertThat(vm.acquireRateChart().seriesNames()).containsExactly("Acquired", "Timed out");
        assertThat(vm.acquireRateChart().size()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheChartsBoundedHoweverLongItRuns() {
        PoolViewModel vm = new PoolViewModel(ZoneOffset.UTC);
        int capacity = vm.connectionsChart().capacity();

        for (int i = 0; i < capacity + 30; i++) {
            vm.update(snapshot());
        }

        for (LiveChartModel chart : List.of(vm.connectionsChart(), vm.acquireWaitChart(), vm.acquireRateChart())) {
            assertThat(chart.size()).isEqualTo(capacity);
            assertThat(chart.values(0)).hasSize(capacity);
            assertThat(chart.secondsAgo()).hasSize(capacity).endsWith(0.0);
        }
    }

    @Test
    void shouldShowWhatThePoolSnapshotSays() throws Exception {
        PoolViewModel vm = new PoolViewModel(ZoneOffset.UTC);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) {
                holders.submit(() -> engine.pool().withConnection(c -> holdUntil(release)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.pool().stats().active() == 2);

            EngineSnapshot snapshot = snapshot();
            vm.update(snapshot);

            PoolStats pool = snapshot.pool();
            assertThat(vm.connectionsChart().latest(0)).isEqualTo(2);
            assertThat(vm.connectionsChart().latest(1)).isEqualTo(pool.idle());
            assertThat(vm.connectionsChart().latest(2)).isEqualTo(pool.waiting());
            assertThat(vm.acquireWaitChart().latest(1)).isEqualTo(Formats.toMillis(pool.acquireWaitP99()));
            assertThat(vm.maxProperty().get()).isEqualTo("3");
            assertThat(vm.minProperty().get()).isEqualTo("1");
            assertThat(vm.totalProperty().get()).isEqualTo(Formats.count(pool.total()));
            assertThat(vm.busyProperty().get()).isEqualTo("67 %");
            assertThat(vm.acquiredProperty().get()).isEqualTo(Formats.count(pool.acquired()));
            assertThat(vm.urlProperty().get()).startsWith("jdbc:postgresql://").doesNotContain("password=");
            assertThat(vm.heapProperty().get()).contains("MiB of");
            assertThat(vm.schedulerLagProperty().get()).endsWith("ms");
        } finally {
            release.countDown();
            holders.shutdown();
            holders.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldWarnAboutTimeoutsAndListThePoolExhaustedAlert() throws Exception {
        PoolViewModel vm = new PoolViewModel(ZoneOffset.UTC);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(MAX_CONNECTIONS);
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                holders.submit(() -> engine.pool().withConnection(c -> holdUntil(release)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.pool().stats().active() == MAX_CONNECTIONS);
            assertThatThrownBy(() -> engine.pool().withConnection(c -> 1)).isInstanceOf(SQLException.class);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                vm.update(snapshot());
                assertThat(vm.alerts()).extracting(AlertItem::key).contains("pool.exhausted");
            });

            assertThat(vm.timeoutsProperty().get()).isNotEqualTo("0");
            assertThat(vm.timeoutsStyleProperty().get()).isEqualTo(StatusStyles.SEVERITY_WARNING);
            AlertItem exhausted = vm.alerts().stream().filter(a -> a.key().equals("pool.exhausted")).findFirst().orElseThrow();
            assertThat(exhausted.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(exhausted.styleClass()).isEqualTo(StatusStyles.SEVERITY_CRITICAL);
            assertThat(exhausted.message()).startsWith("Pool exhausted");
        } finally {
            release.countDown();
            holders.shutdown();
            holders.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldListOnlyThePoolsAlerts() {
        PoolViewModel vm = new PoolViewModel(ZoneOffset.UTC);
        engine.alerts().raise("test.pool", Severity.WARNING, "pool", "a pool alert");
        engine.alerts().raise("test.jvm", Severity.CRITICAL, "jvm", "a JVM alert");
        try {
            vm.update(snapshot());

            assertThat(vm.alerts()).extracting(AlertItem::key).contains("test.pool").doesNotContain("test.jvm");
            assertThat(vm.alerts()).allMatch(a -> a.details().startsWith("pool · since"));
        } finally {
            engine.alerts().clear("test.pool", "test over");
            engine.alerts().clear("test.jvm", "test over");
        }
    }
}
