package dev.scaledeck.ui.shell;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.overview.OverviewViewModel;
import dev.scaledeck.ui.pool.PoolViewModel;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shell view model with real launchers and real engines; no toolkit, no window. */
class ShellViewModelTest {

    /** Long enough that only the test's own {@code sampleNow()} calls sample. */
    private static final Duration MANUAL = Duration.ofHours(1);

    @TempDir
    Path home;
    private final PoolViewModel pool = new PoolViewModel();
    private final List<ShellViewModel> shells = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (ShellViewModel shell : shells) {
            shell.shutdown().get(30, TimeUnit.SECONDS);
        }
    }

    private ShellViewModel shell(Duration samplePeriod) {
        ShellViewModel shell = new ShellViewModel(new CurrentThreadTaskExecutor(), List.of(
                Section.of("Overview", new OverviewViewModel(), vm -> null),
                Section.of("Pool", pool, vm -> null)), samplePeriod);
        shells.add(shell);
        return shell;
    }

    private EngineLauncher launcherOf(ScalingEngine engine, String... steps) {
        return progress -> {
            for (String step : steps) {
                progress.accept(step);
            }
            return TestEngines.launched(engine, "test engine on a fresh database");
        };
    }

    @Test
    void shouldSayWhatItWaitsForWhileTheLauncherRuns() {
        ShellViewModel shell = shell(MANUAL);
        List<String> seenDuringLaunch = new ArrayList<>();
        ScalingEngine engine = TestEngines.start(home);

        shell.start(progress -> {
            progress.accept("Starting embedded PostgreSQL 17");
            seenDuringLaunch.add(shell.stateTextProperty().get());
            seenDuringLaunch.add(shell.statusMessageProperty().get());
            seenDuringLaunch.add(shell.progressMessageProperty().get());
            seenDuringLaunch.add(String.valueOf(shell.startupVisibleProperty().get()));
            progress.accept("Seeding sample data");
            return TestEngines.launched(engine, "test engine");
        });

        assertThat(seenDuringLaunch).containsExactly("Starting…", "Starting embedded PostgreSQL 17",
                "Starting embedded PostgreSQL 17", "true");
        assertThat(shell.progressSteps()).containsExactly("Starting embedded PostgreSQL 17", "Seeding sample data");
    }

    /** Regression: the steps list was a new wrapper per call, and a view's listener on it got collected. */
    @Test
    void shouldKeepNotifyingAViewThatListensToTheProgressStepsAfterGarbageCollection() {
        ShellViewModel shell = shell(MANUAL);
        List<String> seen = new ArrayList<>();
        shell.progressSteps().addListener((ListChangeListener<String>) change -> seen.add("changed"));
        System.gc();

        shell.start(progress -> {
            progress.accept("Starting embedded PostgreSQL 17");
            throw new IllegalStateException("stop here");
        });

        assertThat(seen).isNotEmpty();
        assertThat(shell.progressSteps()).isSameAs(shell.progressSteps());
    }

    @Test
    void shouldRunAndDescribeTheEngineOnceLaunched() {
        ShellViewModel shell = shell(MANUAL);

        shell.start(launcherOf(TestEngines.start(home), "Starting"));

        assertThat(shell.state()).isEqualTo(EngineState.RUNNING);
        assertThat(shell.stateTextProperty().get()).isEqualTo("Running");
        assertThat(shell.stateStyleProperty().get()).isEqualTo(StatusStyles.GOOD);
        assertThat(shell.descriptionProperty().get()).isEqualTo("test engine on a fresh database");
        assertThat(shell.statusMessageProperty().get()).as("no start-up message left behind").isEmpty();
        assertThat(shell.startupVisibleProperty().get()).isFalse();
    }

    @Test
    void shouldShowTheDatabaseReachableAndNoInstances() {
        ShellViewModel shell = shell(MANUAL);
        ScalingEngine engine = TestEngines.start(home);
        shell.start(launcherOf(engine));

        shell.sampleNow();

        assertThat(shell.statusBar().databaseTextProperty().get())
                .isEqualTo(StatusBarViewModel.shortUrl(engine.pool().maskedUrl()) + " · reachable");
        assertThat(shell.statusBar().databaseUrlProperty().get()).isEqualTo(engine.pool().maskedUrl());
        assertThat(shell.statusBar().databaseStyleProperty().get()).isEqualTo(StatusStyles.GOOD);
        assertThat(shell.statusBar().instancesTextProperty().get()).isEqualTo("none configured");
        assertThat(shell.statusBar().instancesStyleProperty().get()).isEqualTo(StatusStyles.UNKNOWN);
    }

    @Test
    void shouldShowADatabaseThatDoesNotAnswerAsNotReachable() throws IOException {
        ShellViewModel shell = shell(MANUAL);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "SCALEDECK_POOL_ACQUIRE_TIMEOUT", "250ms"), Map.of());
        ScalingEngine engine = ScalingEngine.start(config,
                DatabaseUrl.of("jdbc:postgresql://127.0.0.1:" + port + "/nothing", "postgres", "secret"),
                List.of(), Clock.systemUTC());
        shell.start(launcherOf(engine));

        shell.sampleNow();

        assertThat(shell.statusBar().databaseTextProperty().get()).endsWith(" · not reachable").doesNotContain("secret");
        assertThat(shell.statusBar().databaseStyleProperty().get()).isEqualTo(StatusStyles.BAD);
    }

    @Test
    void shouldCountActiveAlertsAndColourThemByTheWorstSeverity() {
        ShellViewModel shell = shell(MANUAL);
        ScalingEngine engine = TestEngines.start(home);
        shell.start(launcherOf(engine));
        EngineSnapshot real = EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
        Instant now = Instant.now();
        Alert warning = new Alert("w", Severity.WARNING, "jvm", "heap", now, now, 1, null);
        Alert critical = new Alert("c", Severity.CRITICAL, "pool", "exhausted", now, now, 1, null);

        shell.apply(withAlerts(real, List.of()));
        assertThat(shell.statusBar().alertsTextProperty().get()).isEqualTo("No active alerts");
        assertThat(shell.statusBar().alertsStyleProperty().get()).isEqualTo(StatusStyles.SEVERITY_NONE);

        shell.apply(withAlerts(real, List.of(warning)));
        assertThat(shell.statusBar().alertsTextProperty().get()).isEqualTo("1 active alert");
        assertThat(shell.statusBar().alertsStyleProperty().get()).isEqualTo(StatusStyles.SEVERITY_WARNING);

        shell.apply(withAlerts(real, List.of(critical, warning)));
        assertThat(shell.statusBar().alertsTextProperty().get()).isEqualTo("2 active alerts");
        assertThat(shell.statusBar().alertsStyleProperty().get()).isEqualTo(StatusStyles.SEVERITY_CRITICAL);
    }

    private static EngineSnapshot withAlerts(EngineSnapshot s, List<Alert> alerts) {
        return s.withAlerts(alerts);
    }

    @Test
    void shouldCountLiveDataAsThereOnceTheChartsHoldEnoughPoints() {
        ShellViewModel shell = shell(MANUAL);
        shell.start(launcherOf(TestEngines.start(home)));

        for (int i = 1; i < ShellViewModel.READY_POINTS; i++) {
            shell.sampleNow();
        }
        assertThat(shell.liveDataReadyProperty().get()).isFalse();
        shell.sampleNow();

        assertThat(shell.liveDataReadyProperty().get()).isTrue();
        assertThat(pool.connectionsChart().size()).isGreaterThanOrEqualTo(ShellViewModel.READY_POINTS);
    }

    @Test
    void shouldKeepEverySectionLiveAtTwoHertzWithTheRealSampler() {
        ShellViewModel shell = shell(ShellViewModel.SAMPLE_PERIOD);
        shell.start(launcherOf(TestEngines.start(home)));

        await().atMost(Duration.ofSeconds(10)).until(() -> shell.liveDataReadyProperty().get());

        assertThat(pool.connectionsChart().size()).isBetween(ShellViewModel.READY_POINTS, 20);
        assertThat(shell.statusBar().databaseTextProperty().get()).doesNotContain("—");
    }

    @Test
    void shouldShowTheLaunchersMessageWhenItFails() {
        ShellViewModel shell = shell(MANUAL);

        shell.start(progress -> {
            progress.accept("Starting embedded PostgreSQL 17");
            throw new IllegalStateException("Port 5432 is in use by another program; set DATABASE_URL or stop it");
        });

        assertThat(shell.state()).isEqualTo(EngineState.FAILED);
        assertThat(shell.stateTextProperty().get()).isEqualTo("Failed");
        assertThat(shell.stateStyleProperty().get()).isEqualTo(StatusStyles.BAD);
        assertThat(shell.failureMessageProperty().get())
                .isEqualTo("Port 5432 is in use by another program; set DATABASE_URL or stop it");
        assertThat(shell.statusMessageProperty().get()).startsWith("Could not start: Port 5432 is in use");
        assertThat(shell.startupVisibleProperty().get()).isTrue();
        assertThat(shell.failedProperty().get()).isTrue();
        assertThat(shell.startupHeadingProperty().get()).isEqualTo("The engine could not start");
    }

    @Test
    void shouldNameTheErrorWhenItHasNoMessageAndUnwrapExecutionFailures() {
        ShellViewModel bare = shell(MANUAL);
        bare.start(progress -> {
            throw new ConnectException();
        });
        ShellViewModel wrapped = shell(MANUAL);
        wrapped.start(progress -> {
            throw new ExecutionException(new IOException("No space left on device"));
        });

        assertThat(bare.failureMessageProperty().get()).isEqualTo("ConnectException");
        assertThat(wrapped.failureMessageProperty().get()).isEqualTo("No space left on device");
        assertThat(wrapped.failureDetailsProperty().get()).startsWith("java.io.IOException");
    }

    @Test
    void shouldCloseTheEngineOnShutdown() throws Exception {
        ShellViewModel shell = shell(MANUAL);
        ScalingEngine engine = TestEngines.start(home);
        shell.start(launcherOf(engine));

        shell.shutdown().get(30, TimeUnit.SECONDS);

        assertThat(engine.isClosed()).isTrue();
        assertThat(shell.state()).isEqualTo(EngineState.STOPPED);
        assertThat(shell.shutdown()).as("idempotent").isDone();
    }

    @Test
    void shouldCloseAnEngineThatArrivesAfterTheWindowClosed() throws Exception {
        ShellViewModel shell = shell(MANUAL);
        ScalingEngine engine = TestEngines.start(home);
        CountDownLatch launcherBlocks = new CountDownLatch(1);
        CountDownLatch launcherEntered = new CountDownLatch(1);
        Thread launch = new Thread(() -> shell.start(progress -> {
            launcherEntered.countDown();
            launcherBlocks.await();
            return TestEngines.launched(engine, "late");
        }));
        launch.start();
        assertThat(launcherEntered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closed = shell.shutdown();
        assertThat(closed).isNotDone();
        launcherBlocks.countDown();
        closed.get(30, TimeUnit.SECONDS);
        launch.join(10_000);

        assertThat(engine.isClosed()).isTrue();
        assertThat(shell.state()).isNotEqualTo(EngineState.RUNNING);
    }

    @Test
    void shouldShortenTheDatabaseUrlForTheStatusBarKeepingTheUser() {
        assertThat(StatusBarViewModel.shortUrl("jdbc:postgresql://localhost:5432/app?user=postgres (user postgres)"))
                .isEqualTo("postgresql://localhost:5432/app (user postgres)");
        assertThat(StatusBarViewModel.shortUrl("jdbc:postgresql://db.example.com/app?sslmode=require&password=****"))
                .isEqualTo("postgresql://db.example.com/app");
        assertThat(StatusBarViewModel.shortUrl("jdbc:postgresql://h/db")).isEqualTo("postgresql://h/db");
    }

    @Test
    void shouldFinishShutdownAtOnceWhenNothingWasStarted() {
        assertThat(shell(MANUAL).shutdown()).isDone();
    }
}
