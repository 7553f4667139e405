package dev.scaledeck.ui.loadtest;

import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.fixtures.TinyInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Load tests view model on a real engine: runs against a loopback HTTP server (200 on
 * {@code /ok}, 500 on {@code /fail}) and two small instances behind the engine's balancer; no
 * toolkit, every task on the calling thread, sampler ticks driven by the test.
 */
class LoadTestsViewModelTest {

    @TempDir
    static Path home;
    private static ScalingEngine engine;
    private static HttpServer server;
    private static TinyInstance first;
    private static TinyInstance second;
    private final List<Path> opened = new ArrayList<>();
    private boolean browserAvailable;
    private final LoadTestsViewModel vm = new LoadTestsViewModel(new CurrentThreadTaskExecutor(), file -> {
        opened.add(file);
        return browserAvailable;
    }, ZoneOffset.UTC);

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/ok", ex -> reply(ex, 200));
        server.createContext("/fail", ex -> reply(ex, 500));
        server.start();
        first = new TinyInstance("converter-1");
        second = new TinyInstance("converter-2");
        engine = TestEngines.start(home, List.of(first.spec(), second.spec()), java.util.Map.of());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status) throws java.io.IOException {
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.stop(0);
        first.close();
        second.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A users run of {@code seconds} against {@code path} of the loopback server. */
    private void shortUrlRun(String path, int seconds, String thresholds) {
        LoadTestForm form = vm.form();
        form.targetKindProperty().set(TargetKind.URL);
        form.targetTextProperty().set(url(path));
        form.usersProperty().set("4");
        form.rampUpProperty().set("0s");
        form.durationProperty().set(seconds + "s");
        form.thresholdsProperty().set(thresholds);
    }

    /** Ticks like the sampler (every 250 ms) until the run is over; returns how long that took. */
    private Duration tickUntilEnded(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        while (vm.runningProperty().get()) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the run ends in time").isLessThan(atMost);
            Thread.sleep(250);
            vm.update(EngineSnapshot.take(engine, DatabaseStatus.REACHABLE));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void tick(int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(250);
            vm.update(EngineSnapshot.take(engine, DatabaseStatus.REACHABLE));
        }
    }

    @Test
    void shouldNameTheFieldThatIsWrongAndDisableStartUntilTheFormIsValid() {
        LoadTestForm form = vm.form();
        assertThat(vm.canStartProperty().get()).as("no engine yet").isFalse();
        vm.engineStarted(engine);

        assertThat(form.validProperty().get()).as("the defaults").isTrue();
        assertThat(vm.canStartProperty().get()).isTrue();
        assertThat(form.messageProperty().get().text()).isEqualTo("Start runs 50 users, ramp-up 10s against the cluster: "
                + "/api/projects?user=1 for 1m; passes when p95<500ms, error_rate<1%.");

        assertInvalid(() -> form.usersProperty().set("0"), "Users: users must be between 1 and 10000, but was 0");
        assertInvalid(() -> form.usersProperty().set("lots"), "Users must be a whole number such as 50, not 'lots'");
        form.usersProperty().set("50");
        assertInvalid(() -> form.durationProperty().set("5s"),
                "Duration: ramp-up (10s) must not be longer than the duration (5s)");
        assertInvalid(() -> form.durationProperty().set("a minute"),
                "Duration must be a duration such as 500ms, 30s, 5m or 2h, not 'a minute'");
        form.durationProperty().set("60s");
        assertInvalid(() -> form.thresholdsProperty().set("p95<500ms\np99<fast"),
                "Thresholds: 'p99<fast' is not a threshold; use");
        assertInvalid(() -> form.thresholdsProperty().set(" "), "Thresholds: write at least one");
        form.thresholdsProperty().set("p95<500ms, error_rate<1%");
        assertInvalid(() -> form.checksProperty().set("status==abc"), "Checks: 'status==abc' is not a check");
        form.checksProperty().set("status==200\nbody~ok, fine");
        assertInvalid(() -> form.targetTextProperty().set("api/projects"), "Cluster path: the cluster path must start "
                + "with '/'");
        form.targetKindProperty().set(TargetKind.URL);
        assertThat(form.targetTextProperty().get()).as("the URL's own example").isEqualTo("http://127.0.0.1:8080/");
        assertInvalid(() -> form.targetTextProperty().set("ftp://files"), "URL: the target must be an http(s) URL");
        form.targetTextProperty().set(url("/ok"));
        form.targetKindProperty().set(TargetKind.CLUSTER);
        assertThat(form.targetTextProperty().get()).as("each kind keeps its text").isEqualTo("api/projects");
        form.targetKindProperty().set(TargetKind.URL);
        assertThat(form.targetTextProperty().get()).isEqualTo(url("/ok"));
        form.modelProperty().set(LoadModel.RATE);
        assertThat(form.usersModelProperty().get()).isFalse();
        assertInvalid(() -> form.rateProperty().set("0"), "Rate: rate must be above 0 and at most 100000 requests/s");
        assertInvalid(() -> form.rateProperty().set("fast"), "Rate must be requests per second such as 200, not 'fast'");
        form.rateProperty().set("200/s");
        assertInvalid(() -> form.connectionsProperty().set("0"), "Rate: connections must be between 1 and 10000");
        form.connectionsProperty().set("20");
        form.rateToProperty().set("400");

        assertThat(form.validProperty().get()).isTrue();
        assertThat(vm.canStartProperty().get()).isTrue();
        assertThat(form.messageProperty().get().style()).isNull();
        assertThat(form.messageProperty().get().text()).startsWith("Start runs 200 to 400 requests/s against " + url("/ok"));
        assertThat(form.plan().name()).isEqualTo("url-200-to-400-rps");
        assertThat(form.plan().checks()).hasSize(2);
    }

    private void assertInvalid(Runnable edit, String message) {
        edit.run();
        assertThat(vm.form().messageProperty().get().text()).startsWith(message);
        assertThat(vm.form().messageProperty().get().style()).isEqualTo(StatusStyles.BAD);
        assertThat(vm.form().validProperty().get()).isFalse();
        assertThat(vm.canStartProperty().get()).as(message).isFalse();
    }

    @Test
    void shouldChartAShortRunAndListItAsPassedWithItsReport() throws Exception {
        vm.engineStarted(engine);
        shortUrlRun("/ok", 3, "p99<1s, error_rate<1%");

        vm.start();

        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.canStopProperty().get()).isTrue();
        assertThat(vm.statusProperty().get().text()).startsWith("Running ").endsWith(": 4 users against " + url("/ok")
                + " for 3s");
        tickUntilEnded(Duration.ofSeconds(10));

        LoadTestCharts charts = vm.charts();
        assertThat(charts.throughput().size()).as("one point per second of the run").isBetween(3, 4);
        assertThat(Arrays.stream(charts.throughput().values(LoadTestCharts.ACHIEVED)).max().orElse(0)).isGreaterThan(10);
        assertThat(Arrays.stream(charts.latency().values(LoadTestCharts.P99)).max().orElse(0)).isGreaterThan(0);
        assertThat(charts.errors().values(LoadTestCharts.ERRORS)).containsOnly(0.0);
        assertThat(charts.load().seriesNames()).containsExactly(LoadTestCharts.USERS, LoadTestCharts.IN_FLIGHT);
        assertThat(charts.load().values(LoadTestCharts.USERS)).contains(4.0);
        assertThat(charts.shares()).as("not a cluster run").isEmpty();

        assertThat(vm.statusProperty().get().style()).isEqualTo(StatusStyles.GOOD);
        assertThat(vm.statusProperty().get().text()).startsWith("Passed: every threshold held (p99<1s: ")
                .contains("error_rate<1%: 0.00 %").endsWith(", errors 0.");
        assertThat(vm.progressProperty().get()).contains(" requests · ").contains("errors 0");
        ReportRow row = vm.history().get(0);
        assertThat(vm.selectedProperty().get()).as("the new run, selected").isEqualTo(row);
        assertThat(row.name()).isEqualTo("url-4-users");
        assertThat(row.target()).isEqualTo(url("/ok"));
        assertThat(row.result()).isEqualTo("PASS");
        assertThat(row.resultStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(row.state()).isEqualTo("completed");
        assertThat(row.errorRate()).isEqualTo("0.00 %");
        assertThat(vm.selectedReportProperty().get()).isEqualTo(row.html().orElseThrow());
        assertThat(vm.selectionTextProperty().get()).isEqualTo(row.html().orElseThrow().toString())
                .startsWith(home.resolve("reports").toString());
        assertThat(Files.isRegularFile(row.html().orElseThrow())).isTrue();
        assertThat(vm.summaryProperty().get()).endsWith(" in " + home.resolve("reports"));
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    @Test
    void shouldSayWhichThresholdFailedAndChartTheErrors() throws Exception {
        vm.engineStarted(engine);
        shortUrlRun("/fail", 2, "p99<1s, error_rate<1%");

        vm.start();
        tickUntilEnded(Duration.ofSeconds(10));

        assertThat(vm.statusProperty().get().style()).isEqualTo(StatusStyles.BAD);
        assertThat(vm.statusProperty().get().text()).startsWith("Failed thresholds: error_rate<1%: 100.00 % failed; "
                + "the others held.").contains("errors ").contains("(5xx ");
        assertThat(Arrays.stream(vm.charts().errors().values(LoadTestCharts.ERRORS)).max().orElse(0)).isGreaterThan(10);
        ReportRow row = vm.history().get(0);
        assertThat(row.result()).isEqualTo("FAIL");
        assertThat(row.resultStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(row.errorRate()).isEqualTo("100.00 %");
    }

    @Test
    void shouldStopARunWithinASecondAndSayThatAnotherCannotStartMeanwhile() throws Exception {
        vm.engineStarted(engine);
        shortUrlRun("/ok", 60, "p99<1s");
        vm.start();
        tick(6);

        vm.start();
        assertThat(vm.statusProperty().get().text()).startsWith("A load test is already running (")
                .contains("one runs at a time from the window");
        assertThat(vm.statusProperty().get().style()).isEqualTo(StatusStyles.DEGRADED);

        vm.stop();
        assertThat(vm.canStopProperty().get()).isFalse();
        assertThat(vm.statusProperty().get().text()).startsWith("Stopping ");
        Duration took = tickUntilEnded(Duration.ofSeconds(5));

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(vm.statusProperty().get().text()).startsWith("Stopped after ").contains("(you pressed Stop)");
        assertThat(vm.statusProperty().get().style()).isEqualTo(StatusStyles.DEGRADED);
        assertThat(vm.history().get(0).state()).isEqualTo("stopped");
        assertThat(vm.charts().throughput().size()).isBetween(1, 4);
    }

    @Test
    void shouldShowEachInstancesShareOfAClusterRun() throws Exception {
        vm.engineStarted(engine);
        vm.form().usersProperty().set("4");
        vm.form().rampUpProperty().set("0s");
        vm.form().durationProperty().set("2s");
        vm.form().targetTextProperty().set("/convert");

        vm.start();
        tickUntilEnded(Duration.ofSeconds(15));

        assertThat(vm.charts().shares()).extracting(InstanceShare::instance).containsExactly("converter-1", "converter-2");
        assertThat(vm.charts().shares()).allSatisfy(s -> assertThat(s.share()).isCloseTo(0.5, within(0.15)));
        assertThat(vm.history().get(0).target()).isEqualTo("the cluster: /convert");
    }

    @Test
    void shouldOpenTheSelectedReportOrSayWhereItIsWhenNoBrowserCan() throws Exception {
        vm.engineStarted(engine);
        shortUrlRun("/ok", 1, "p99<1s");
        vm.start();
        tickUntilEnded(Duration.ofSeconds(10));
        Path html = vm.selectedReportProperty().get();
        assertThat(vm.canOpenReportProperty().get()).isTrue();

        vm.openReport();
        assertThat(opened).containsExactly(html);
        assertThat(vm.historyMessageProperty().get().text()).isEqualTo("Open " + html
                + " in a browser: this machine has no desktop browser to ask.");

        browserAvailable = true;
        vm.openReport();
        assertThat(vm.historyMessageProperty().get().text()).isEqualTo("Opened " + html + " in the browser");

        vm.selectedProperty().set(null);
        assertThat(vm.canOpenReportProperty().get()).isFalse();
        assertThat(vm.selectionTextProperty().get()).isEqualTo("Select a run to open its report");
    }
}
