package dev.scaledeck.engine.loadtest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stress tests against a real server that turns requests away beyond 3 at a time. */
class StressTesterTest {

    private HttpServer server;
    private URI url;
    private final LoadTester tester = new LoadTester(() -> null, null, Clock.systemUTC(), ReportSink.none());
    private final StressTester stress = new StressTester(tester::start, Clock.systemUTC());

    @BeforeEach
    void start() throws IOException {
        Semaphore three = new Semaphore(3);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            if (!three.tryAcquire()) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            try {
                Thread.sleep(10);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                three.release();
                exchange.close();
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        tester.close();
        server.stop(0);
    }

    private StressPlan plan(int steps) {
        return new StressPlan("stress-test", new LoadTarget.Url(url), RequestSpec.get(), false, 1, 8, steps,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 10, 5);
    }

    @Test
    void shouldReportTheHighestLoadThatHeldAndBreakOnErrors() {
        StressReport r = stress.start(plan(3)).report().join();

        assertThat(r.state()).isEqualTo(RunState.COMPLETED);
        assertThat(r.highestHeld()).get().satisfies(s -> {
            assertThat(s.load()).isEqualTo(1);
            assertThat(s.errorRatePercent()).isZero();
        });
        assertThat(r.brokeAt()).get().satisfies(s -> {
            assertThat(s.load()).isEqualTo(9);
            assertThat(s.held()).isFalse();
            assertThat(s.errorRatePercent()).isGreaterThan(10);
        });
        assertThat(r.breakingReason()).get().asString().startsWith("error rate ").endsWith("% > 10 %");
        assertThat(r.steps()).hasSize(2);
        assertThat(r.summary()).startsWith("held 1 users (").contains("; broke at 9 users: error rate");
    }

    @Test
    void stopShouldEndTheRunningStepAndTheStressTest() {
        StressTester.StressRun run = stress.start(plan(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> run.snapshot().isPresent());

        run.stop();
        StressReport r = run.report().join();

        assertThat(r.state()).isEqualTo(RunState.STOPPED);
        assertThat(r.brokeAt()).isEmpty();
    }
}
