package dev.scaledeck.ui.health;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.health.HealthCheck;
import dev.scaledeck.engine.health.HealthReport;
import dev.scaledeck.engine.health.HealthResult;
import dev.scaledeck.engine.health.HealthStatus;
import dev.scaledeck.ui.common.BackgroundTask;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import dev.scaledeck.ui.fixtures.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health view model on a real engine's health checks (database on a real PostgreSQL, memory, disk); no toolkit. */
class HealthViewModelTest {

    @TempDir
    static Path home;
    private static ScalingEngine engine;
    private final RecordingDialogService dialogs = new RecordingDialogService(true);

    @BeforeAll
    static void startEngine() {
        engine = TestEngines.start(home);
        await().atMost(Duration.ofSeconds(20)).until(() -> !engine.health().report().checks().isEmpty());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private static EngineSnapshot snapshot() {
        return EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
    }

    private HealthViewModel started(TaskExecutor tasks) {
        HealthViewModel vm = new HealthViewModel(tasks, dialogs, ZoneOffset.UTC);
        vm.engineStarted(engine);
        return vm;
    }

    @Test
    void shouldShowEveryCheckOfTheLatestReport() {
        HealthViewModel vm = started(new CurrentThreadTaskExecutor());
        EngineSnapshot snapshot = snapshot();

        vm.update(snapshot);

        HealthReport report = snapshot.health();
        assertThat(vm.checks()).extracting(HealthCheckRow::name).containsExactlyElementsOf(report.checks().keySet())
                .contains("database", "memory", "disk");
        assertThat(vm.statusProperty().get()).isEqualTo(report.status().name());
        assertThat(vm.statusStyleProperty().get()).isEqualTo(StatusStyles.of(report.status()));
        HealthCheckRow database = vm.checks().stream().filter(r -> r.name().equals("database")).findFirst().orElseThrow();
        HealthResult result = report.checks().get("database");
        assertThat(database.status()).isEqualTo(HealthStatus.UP);
        assertThat(database.statusStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(database.message()).isEqualTo(result.message());
        assertThat(database.latency()).isEqualTo(Formats.millis(result.latency()));
        assertThat(database.lastChecked()).isEqualTo(Formats.clock(result.time(), ZoneOffset.UTC));
        assertThat(database.history()).isNotEmpty().hasSizeLessThanOrEqualTo(HealthViewModel.HISTORY_SHOWN)
                .allMatch(StatusStyles.GOOD::equals);
        assertThat(database.historySummary()).matches("\\d+ of \\d+ UP");
        assertThat(vm.summaryProperty().get()).contains(report.checks().size() + " checks · last round at ");
    }

    @Test
    void shouldRunEveryCheckWhenAskedAndShowTheNewRoundInItsColour() {
        HealthViewModel vm = started(new CurrentThreadTaskExecutor());
        vm.update(snapshot());
        AtomicInteger runs = new AtomicInteger();
        engine.health().register(new HealthCheck() {
            @Override
            public String name() {
                return "payments-api";
            }

            @Override
            public HealthResult check() {
                runs.incrementAndGet();
                return HealthResult.of(name(), HealthStatus.DOWN, "connection refused", Duration.ofMillis(3),
                        engine.clock().instant());
            }
        });
        try {
            vm.checkNow();

            assertThat(runs.get()).isGreaterThanOrEqualTo(1);
            HealthCheckRow payments = vm.checks().stream().filter(r -> r.name().equals("payments-api")).findFirst()
                    .orElseThrow();
            assertThat(payments.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(payments.statusStyle()).isEqualTo(StatusStyles.BAD);
            assertThat(payments.history()).last().isEqualTo(StatusStyles.BAD);
            assertThat(vm.statusProperty().get()).as("a check that is not critical degrades").isEqualTo("DEGRADED");
            assertThat(vm.statusStyleProperty().get()).isEqualTo(StatusStyles.DEGRADED);
            assertThat(vm.statusDetailProperty().get()).contains("not UP: payments-api");
            assertThat(vm.checkStatusProperty().get()).startsWith("Checked at ");
            assertThat(vm.canCheckNowProperty().get()).isTrue();
            assertThat(dialogs.errors()).isEmpty();
        } finally {
            engine.health().unregister("payments-api");
            engine.health().checkNow();
        }
    }

    @Test
    void shouldDisableCheckNowWhileTheChecksRun() {
        HeldTasks held = new HeldTasks();
        HealthViewModel vm = started(held);
        assertThat(vm.canCheckNowProperty().get()).isTrue();

        vm.checkNow();

        assertThat(vm.checkingProperty().get()).isTrue();
        assertThat(vm.canCheckNowProperty().get()).isFalse();
        assertThat(vm.checkStatusProperty().get()).startsWith("Running every check");
        vm.checkNow();
        assertThat(held.started).as("a second click while running does nothing").isEqualTo(1);

        held.finish();

        assertThat(vm.checkingProperty().get()).isFalse();
        assertThat(vm.canCheckNowProperty().get()).isTrue();
    }

    @Test
    void shouldNotOfferCheckNowBeforeTheEngineRuns() {
        HealthViewModel vm = new HealthViewModel(new CurrentThreadTaskExecutor(), dialogs, ZoneOffset.UTC);

        assertThat(vm.canCheckNowProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo(Formats.NONE);
    }

    /** Holds the one task it is given until the test lets it run. */
    private static final class HeldTasks implements TaskExecutor {
        private Runnable pending;
        private int started;

        @Override
        public <T> void execute(BackgroundTask<T> task, Consumer<String> onProgress, Consumer<? super T> onSuccess,
                                Consumer<? super Throwable> onFailure) {
            started++;
            pending = () -> new CurrentThreadTaskExecutor().execute(task, onProgress, onSuccess, onFailure);
        }

        void finish() {
            pending.run();
        }

        @Override
        public void runInUiThread(Runnable action) {
            action.run();
        }

        @Override
        public void shutdown() {
        }
    }
}
