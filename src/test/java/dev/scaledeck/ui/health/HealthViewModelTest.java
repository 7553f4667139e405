package dev.scaledeck.ui.health;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.failover.EndpointRole;
import dev.scaledeck.engine.failover.EndpointStatus;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.failover.FailoverState;
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
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    private static final String PRIMARY_URL = "jdbc:postgresql://db-a:5432/app?user=app&password=****";
    private static final String SECONDARY_URL = "jdbc:postgresql://db-b:5432/app?user=app&password=****";
    private static final Instant SINCE = Instant.parse("2024-05-02T20:41:07Z");

    private static EndpointStatus healthy(EndpointRole role, String url, int inARow) {
        return new EndpointStatus(role, url, true, 0, inARow, "ok", SINCE.plusSeconds(30));
    }

    private static EndpointStatus down(EndpointRole role, String url, String detail, int inARow) {
        return new EndpointStatus(role, url, false, inARow, 0, detail, SINCE.plusSeconds(30));
    }

    private static FailoverSnapshot failover(FailoverState state, EndpointStatus primary, EndpointStatus secondary,
                                             String reason, long failovers, long failbacks) {
        return failover("database", state, primary, secondary, reason, failovers, failbacks);
    }

    private static FailoverSnapshot failover(String name, FailoverState state, EndpointStatus primary,
                                             EndpointStatus secondary, String reason, long failovers, long failbacks) {
        return new FailoverSnapshot(name, SINCE.plusSeconds(60), state, state.active(),
                state.active() == EndpointRole.PRIMARY ? primary.endpoint() : secondary.endpoint(), SINCE, primary,
                secondary, reason, failovers, failbacks);
    }

    private HealthViewModel showing(FailoverSnapshot... failovers) {
        HealthViewModel vm = started(new CurrentThreadTaskExecutor());
        vm.update(snapshot().withFailovers(List.of(failovers)));
        return vm;
    }

    /** The one failover block shown. */
    private static FailoverItem only(HealthViewModel vm) {
        assertThat(vm.failovers()).hasSize(1);
        return vm.failovers().get(0);
    }

    @Test
    void shouldHideTheFailoverCardWhenNoFailoverIsConfigured() {
        HealthViewModel vm = started(new CurrentThreadTaskExecutor());

        vm.update(snapshot());

        assertThat(snapshot().failovers()).as("the test engine has no failover").isEmpty();
        assertThat(vm.failoverVisibleProperty().get()).isFalse();
        assertThat(vm.failovers()).isEmpty();
    }

    @Test
    void shouldShowThePrimaryAsNormalWithEachEndpointsChecks() {
        HealthViewModel vm = showing(failover(FailoverState.ON_PRIMARY,
                healthy(EndpointRole.PRIMARY, PRIMARY_URL, 5),
                down(EndpointRole.SECONDARY, SECONDARY_URL, "connection refused", 3), null, 0, 0));

        assertThat(vm.failoverVisibleProperty().get()).isTrue();
        FailoverItem database = only(vm);
        assertThat(database.name()).isEqualTo("database");
        assertThat(database.headline()).isEqualTo("On primary since 20:41:07");
        assertThat(database.style()).isEqualTo(StatusStyles.SEVERITY_NONE);
        assertThat(database.primary()).isEqualTo("primary " + PRIMARY_URL + " — healthy, 5 good checks in a row");
        assertThat(database.primaryStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(database.secondary())
                .isEqualTo("secondary " + SECONDARY_URL + " — down: connection refused, 3 failures in a row");
        assertThat(database.secondaryStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(database.counters()).isEqualTo("failovers 0 · failbacks 0");
    }

    @Test
    void shouldWarnOnTheSecondaryAndSayWhyItFailedOver() {
        HealthViewModel vm = showing(failover(FailoverState.ON_SECONDARY,
                down(EndpointRole.PRIMARY, PRIMARY_URL, "connection refused", 1),
                healthy(EndpointRole.SECONDARY, SECONDARY_URL, 1), "primary down 3 checks in a row", 1, 0));

        FailoverItem database = only(vm);
        assertThat(database.headline())
                .isEqualTo("On SECONDARY since 20:41:07 (failed over: primary down 3 checks in a row)");
        assertThat(database.style()).isEqualTo(StatusStyles.SEVERITY_WARNING);
        assertThat(database.primary()).endsWith("— down: connection refused, 1 failure in a row");
        assertThat(database.secondary()).endsWith("— healthy, 1 good check in a row");
        assertThat(database.counters()).isEqualTo("failovers 1 · failbacks 0");
    }

    @Test
    void shouldShowASwitchUnderWayAsCritical() {
        HealthViewModel vm = showing(failover(FailoverState.FAILING_OVER,
                down(EndpointRole.PRIMARY, PRIMARY_URL, "timeout", 3),
                healthy(EndpointRole.SECONDARY, SECONDARY_URL, 4), null, 0, 0));

        assertThat(only(vm).headline()).startsWith("Failing over to SECONDARY since 20:41:07");
        assertThat(only(vm).style()).isEqualTo(StatusStyles.SEVERITY_CRITICAL);

        vm.update(snapshot().withFailovers(List.of(failover(FailoverState.FAILING_BACK,
                healthy(EndpointRole.PRIMARY, PRIMARY_URL, 5),
                healthy(EndpointRole.SECONDARY, SECONDARY_URL, 9), "primary down", 1, 0))));

        assertThat(only(vm).headline()).startsWith("Failing back to primary since 20:41:07");
        assertThat(only(vm).style()).isEqualTo(StatusStyles.SEVERITY_CRITICAL);
    }

    @Test
    void shouldShowAnEndpointNotCheckedYetAndCutLongDetails() {
        String longDetail = "FATAL: " + "x".repeat(300);
        HealthViewModel vm = showing(failover(FailoverState.ON_PRIMARY,
                down(EndpointRole.PRIMARY, PRIMARY_URL, longDetail, 2),
                new EndpointStatus(EndpointRole.SECONDARY, SECONDARY_URL, false, 0, 0, null, null), null, 0, 0));

        FailoverItem database = only(vm);
        assertThat(database.primary()).contains("— down: FATAL: xxx").contains("…, 2 failures in a row")
                .hasSizeLessThan(longDetail.length());
        assertThat(database.secondary()).isEqualTo("secondary " + SECONDARY_URL + " — not checked yet");
        assertThat(database.secondaryStyle()).isEqualTo(StatusStyles.UNKNOWN);
    }

    @Test
    void shouldShowOneBlockPerFailoverInTheEnginesOrder() {
        String authPrimary = "http://auth-a:8080/health";
        String authSecondary = "http://auth-b:8080/health";
        HealthViewModel vm = showing(
                failover(FailoverState.ON_PRIMARY, healthy(EndpointRole.PRIMARY, PRIMARY_URL, 5),
                        healthy(EndpointRole.SECONDARY, SECONDARY_URL, 5), null, 0, 0),
                failover("auth", FailoverState.ON_SECONDARY,
                        down(EndpointRole.PRIMARY, authPrimary, "HTTP 503", 4),
                        healthy(EndpointRole.SECONDARY, authSecondary, 2), "primary down 3 checks in a row", 2, 1));

        assertThat(vm.failoverVisibleProperty().get()).isTrue();
        assertThat(vm.failovers()).extracting(FailoverItem::name).containsExactly("database", "auth");
        FailoverItem database = vm.failovers().get(0);
        assertThat(database.headline()).isEqualTo("On primary since 20:41:07");
        assertThat(database.style()).isEqualTo(StatusStyles.SEVERITY_NONE);
        assertThat(database.primary()).startsWith("primary " + PRIMARY_URL);
        FailoverItem auth = vm.failovers().get(1);
        assertThat(auth.headline()).isEqualTo("On SECONDARY since 20:41:07 (failed over: primary down 3 checks in a row)");
        assertThat(auth.style()).isEqualTo(StatusStyles.SEVERITY_WARNING);
        assertThat(auth.primary()).isEqualTo("primary " + authPrimary + " — down: HTTP 503, 4 failures in a row");
        assertThat(auth.primaryStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(auth.secondary()).isEqualTo("secondary " + authSecondary + " — healthy, 2 good checks in a row");
        assertThat(auth.secondaryStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(auth.counters()).isEqualTo("failovers 2 · failbacks 1");
    }

    @Test
    void shouldKeepTheListWhenNothingChangedAndHideTheCardWhenTheFailoversGo() {
        FailoverSnapshot database = failover(FailoverState.ON_PRIMARY,
                healthy(EndpointRole.PRIMARY, PRIMARY_URL, 5), healthy(EndpointRole.SECONDARY, SECONDARY_URL, 5),
                null, 0, 0);
        HealthViewModel vm = showing(database);
        assertThat(vm.failoverVisibleProperty().get()).isTrue();
        AtomicInteger changes = new AtomicInteger();
        vm.failovers().addListener((ListChangeListener<FailoverItem>) c -> changes.incrementAndGet());

        vm.update(snapshot().withFailovers(List.of(database)));
        assertThat(changes.get()).as("an unchanged failover is not redrawn").isZero();

        vm.update(snapshot());

        assertThat(vm.failoverVisibleProperty().get()).isFalse();
        assertThat(vm.failovers()).isEmpty();
        assertThat(changes.get()).isEqualTo(1);
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
