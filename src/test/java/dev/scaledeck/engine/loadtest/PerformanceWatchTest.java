package dev.scaledeck.engine.loadtest;

import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real load test against a failing server raises the error alert while it runs and clears it when it ends. */
class PerformanceWatchTest {

    @Test
    void aFailingRunShouldBeAlertedWhileItRunsAndClearedWhenItEnds() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), new EventJournal(100, null), 10);
        try (LoadTester tester = new LoadTester(() -> null, null, Clock.systemUTC(), ReportSink.none())) {
            PerformanceWatch watch = new PerformanceWatch(tester::running,
                    new PerformanceMonitor(alerts, Duration.ofSeconds(2)));
            LoadTestRun run = tester.start(new LoadTestPlan("failing", new LoadTarget.Url(URI.create(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/")), new Workload.ConstantRate(50, 10),
                    Duration.ofSeconds(4), RequestSpec.get(), List.of(), List.of(), false));

            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                watch.tick();
                assertThat(alerts.isActive(PerformanceMonitor.errorsKey(run.id()))).isTrue();
            });
            assertThat(alerts.active()).anySatisfy(a -> assertThat(a.message()).contains("% of requests failed")
                    .contains("5xx"));

            run.report().join();
            watch.tick();
            assertThat(alerts.isActive(PerformanceMonitor.errorsKey(run.id()))).isFalse();
        } finally {
            server.stop(0);
        }
    }
}
