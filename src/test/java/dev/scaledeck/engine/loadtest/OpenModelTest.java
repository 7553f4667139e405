package dev.scaledeck.engine.loadtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.scaledeck.engine.loadtest.Plans.plan;
import static dev.scaledeck.engine.loadtest.Plans.rate;
import static dev.scaledeck.engine.loadtest.Plans.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The open model against real loopback servers: it holds the asked rate, and it shows a stalled
 * server in the percentiles where the closed model hides it.
 */
class OpenModelTest {

    private final InMemorySink sink = new InMemorySink();
    private final LoadTester tester = new LoadTester(() -> null, null, Clock.systemUTC(), sink);
    private LoopbackServer server;

    @AfterEach
    void tearDown() {
        tester.close();
        server.close();
    }

    @Test
    void shouldHoldTheAskedRateWithinOnePercent() throws Exception {
        server = new LoopbackServer("fast");

        LoadTestReport report = tester.start(plan(new LoadTarget.Url(server.url("/")), rate(500, 50),
                Duration.ofSeconds(10))).report().get(30, TimeUnit.SECONDS);

        System.out.printf("rate: asked 500/s, achieved %.2f/s (%d requests, %d missed sends, p99 %.2f ms)%n",
                report.requestsPerSecond(), report.requests(), report.missedSends(), report.latency().p99());
        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.requestsPerSecond()).isCloseTo(500, within(5.0));
        assertThat(report.errorCount()).isZero();
        assertThat(report.timeline()).hasSizeBetween(9, 11);
        assertThat(report.timeline().get(4).targetRate()).isEqualTo(500);
        assertThat(sink.reports).containsExactly(report);
    }

    /**
     * The documented difference: a server that stalls for 1 s every 5 s. The open model (200
     * arrivals/s) times each request from when it was due, so the ~200 arrivals of the stalled
     * second wait up to 1 s and p99 shows the stall. The closed model's 2 users each send one
     * request into the stall and then wait with it, so only 2 of its ~1000+ samples are slow and its
     * p99 stays at loopback speed (the stall shows only in its max).
     */
    @Test
    void aStallShouldShowInTheOpenModelsP99WhileTheClosedModelHidesIt() throws Exception {
        server = new LoopbackServer("stalling").stalling(Duration.ofSeconds(1), Duration.ofSeconds(5));
        LoadTarget target = new LoadTarget.Url(server.url("/"));

        LoadTestRun open = tester.start(plan(target, rate(200, 50), Duration.ofSeconds(6)));
        LoadTestRun closed = tester.start(plan(target, users(2, Duration.ofMillis(5)), Duration.ofSeconds(6)));
        LoadTestReport openReport = open.report().get(30, TimeUnit.SECONDS);
        LoadTestReport closedReport = closed.report().get(30, TimeUnit.SECONDS);

        System.out.printf("stall: open p99 %.1f ms (p90 %.1f, %d requests, %d missed sends); "
                        + "closed p99 %.1f ms (max %.1f, %d requests)%n",
                openReport.latency().p99(), openReport.latency().p90(), openReport.requests(),
                openReport.missedSends(), closedReport.latency().p99(), closedReport.latency().max(),
                closedReport.requests());
        assertThat(openReport.latency().p99()).isGreaterThanOrEqualTo(500);
        assertThat(openReport.missedSends()).isPositive();
        assertThat(closedReport.latency().max()).isGreaterThanOrEqualTo(500);
        assertThat(closedReport.latency().p99()).isLessThan(100);
        assertThat(openReport.latency().p99()).isGreaterThan(5 * closedReport.latency().p99());
    }

    @Test
    void aRampingRateShouldOfferTheAreaUnderTheRampAndReportTheRisingTarget() throws Exception {
        server = new LoopbackServer("ramp");

        LoadTestReport report = tester.start(plan(new LoadTarget.Url(server.url("/")),
                new Workload.RampingRate(0, 100, 10), Duration.ofSeconds(2))).report().get(20, TimeUnit.SECONDS);

        assertThat(report.requests()).isBetween(95L, 100L);
        assertThat(report.timeline().get(0).targetRate()).isCloseTo(50, within(5.0));
        assertThat(report.timeline().get(0).activeUsers()).isZero();
    }
}
