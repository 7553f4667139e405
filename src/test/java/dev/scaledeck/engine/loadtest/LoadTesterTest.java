package dev.scaledeck.engine.loadtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.scaledeck.engine.loadtest.Plans.plan;
import static dev.scaledeck.engine.loadtest.Plans.rate;
import static dev.scaledeck.engine.loadtest.Plans.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Runs against a real loopback server: thresholds, abort on fail, stop, unreachable and broken targets. */
class LoadTesterTest {

    private final InMemorySink sink = new InMemorySink();
    private final LoadTester tester = new LoadTester(() -> null, null, Clock.systemUTC(), sink);
    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer("a");
    }

    @AfterEach
    void tearDown() {
        tester.close();
        server.close();
    }

    private LoadTarget.Url url(String path) {
        return new LoadTarget.Url(server.url(path));
    }

    @Test
    void thresholdsShouldPassOnAHealthyServerAndFailOnAFailingOne() throws Exception {
        String[] rules = {"p95<500ms", "error_rate<1%", "checks>99%", "rps>10"};
        LoadTestRun healthy = tester.start(plan(url("/"), rate(50, 10), Duration.ofSeconds(2), rules));
        LoadTestRun failing = tester.start(plan(url("/fail"), rate(50, 10), Duration.ofSeconds(2), rules));

        LoadTestReport good = healthy.report().get(20, TimeUnit.SECONDS);
        LoadTestReport bad = failing.report().get(20, TimeUnit.SECONDS);

        assertThat(good.thresholds()).allSatisfy(r -> assertThat(r.passed()).as(r.threshold().text()).isTrue());
        assertThat(good.passed()).isTrue();
        assertThat(good.checksPassed()).isEqualTo(good.requests());
        assertThat(bad.passed()).isFalse();
        assertThat(bad.thresholds()).extracting(r -> r.threshold().text() + "=" + r.passed())
                .containsExactly("p95<500ms=true", "error_rate<1%=false", "checks>99%=false", "rps>10=true");
        assertThat(bad.thresholds().get(1).actual()).isEqualTo(100.0);
        assertThat(bad.errors().get(ErrorKind.HTTP_5XX)).isEqualTo(bad.requests());
        assertThat(bad.state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void bodyChecksShouldReadTheAnswer() throws Exception {
        LoadTestPlan plan = new LoadTestPlan("body", url("/text"), users(2, Duration.ofMillis(20)), Duration.ofSeconds(1),
                RequestSpec.get(), List.of(Check.parse("body~ok from a"), Check.parse("body~nope")), List.of(), false);

        LoadTestReport report = tester.start(plan).report().get(20, TimeUnit.SECONDS);

        assertThat(report.requests()).isPositive();
        assertThat(report.checksPassed()).isEqualTo(report.requests());
        assertThat(report.checksFailed()).isEqualTo(report.requests());
    }

    @Test
    void abortOnFailShouldEndTheRunOnceAThresholdIsClearlyLost() throws Exception {
        LoadTestPlan plan = new LoadTestPlan("abort", url("/fail"), rate(50, 10), Duration.ofSeconds(30),
                RequestSpec.get(), List.of(), List.of(Threshold.parse("p99<1s"), Threshold.parse("error_rate<1%")), true);

        LoadTestReport report = tester.start(plan).report().get(20, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(RunState.ABORTED);
        assertThat(report.problem()).hasValueSatisfying(why -> assertThat(why)
                .contains("error_rate<1%").contains("100.00 %"));
        assertThat(Duration.between(report.started(), report.ended())).isLessThan(Duration.ofSeconds(10));
        assertThat(report.passed()).isFalse();
        assertThat(sink.reports).containsExactly(report);
    }

    @Test
    void stopShouldEndTheRunWithinASecondWithAPartialTimeline() throws Exception {
        LoadTestRun run = tester.start(plan(url("/"), users(4, Duration.ofMillis(5)), Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(5)).until(() -> run.snapshot().elapsed().toMillis() >= 2000);

        long stopAt = System.nanoTime();
        run.stop();
        run.stop();
        LoadTestReport report = run.report().get(1500, TimeUnit.MILLISECONDS);
        long tookMillis = (System.nanoTime() - stopAt) / 1_000_000;

        assertThat(tookMillis).isLessThan(1000);
        assertThat(report.state()).isEqualTo(RunState.STOPPED);
        assertThat(report.timeline()).hasSizeBetween(2, 4);
        assertThat(report.timeline().get(report.timeline().size() - 1).state()).isEqualTo(RunState.STOPPED);
        assertThat(report.timeline().get(0).activeUsers()).isEqualTo(4);
        assertThat(report.requests()).isPositive();
        assertThat(run.snapshot().state()).isEqualTo(RunState.STOPPED);
        assertThat(sink.reports).containsExactly(report);
    }

    @Test
    void anUnreachableUrlShouldCompleteWithConnectErrorsCounted() throws Exception {
        LoadTarget.Url nowhere = new LoadTarget.Url(java.net.URI.create(
                "http://127.0.0.1:" + LoopbackServer.closedPort() + "/"));

        LoadTestReport report = tester.start(plan(nowhere, users(2, Duration.ofMillis(10)), Duration.ofSeconds(2),
                "error_rate<1%")).report().get(20, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.requests()).isPositive();
        assertThat(report.errors().get(ErrorKind.CONNECT)).isEqualTo(report.requests());
        assertThat(report.checksFailed()).isEqualTo(report.requests());
        assertThat(report.latency().p99()).isNaN();
        assertThat(report.passed()).isFalse();
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutShouldBeATimeoutWithItsLatencyRecorded() throws Exception {
        server.stalling(Duration.ofSeconds(5), Duration.ofSeconds(5));
        LoadTestPlan plan = new LoadTestPlan("slow", url("/"), users(2, Duration.ZERO), Duration.ofSeconds(1),
                new RequestSpec("GET", java.util.Map.of(), null, Duration.ofMillis(200)), List.of(), List.of(), false);

        LoadTestReport report = tester.start(plan).report().get(20, TimeUnit.SECONDS);

        assertThat(report.requests()).isPositive();
        assertThat(report.errors().get(ErrorKind.TIMEOUT)).isEqualTo(report.requests());
        assertThat(report.latency().p50()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void aTargetThatCannotBeSetUpShouldFailTheRunAndSayWhy() throws Exception {
        LoadTestRun run = tester.start(plan(new LoadTarget.Cluster("/api"), users(1, Duration.ZERO), Duration.ofSeconds(1)));

        LoadTestReport report = run.report().get(5, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(RunState.FAILED);
        assertThat(report.problem()).hasValueSatisfying(why -> assertThat(why)
                .contains("the cluster: /api").contains("load balancer"));
        assertThat(report.passed()).isFalse();
        assertThat(sink.reports).containsExactly(report);
    }

    @Test
    void aClosedTesterShouldRefuseNewRuns() {
        tester.close();

        assertThatThrownBy(() -> tester.start(plan(url("/"), users(1, Duration.ZERO), Duration.ofSeconds(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
