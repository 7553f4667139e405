package dev.scaledeck.engine.balancer;

import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceMonitorTest {

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final EventJournal journal = new EventJournal(100, null);
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicLong requests = new AtomicLong(100);
    private HttpServer server;
    private InstanceMonitor monitor;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> respond(ex, healthStatus.get(), "{\"status\":\"UP\"}"));
        server.createContext("/metrics", ex -> respond(ex, 200, "{\"requests\":" + requests.get()
                + ",\"inFlight\":3,\"errors\":2,\"utilization\":0.25,\"latencyP50Ms\":4.5,\"latencyP95Ms\":12.0}"));
        server.start();
        monitor = new InstanceMonitor(Clock.systemUTC(), journal, Duration.ofSeconds(1), io);
    }

    static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        monitor.close();
        server.stop(0);
        io.shutdownNow();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void shouldReportAHealthyInstanceWithItsPublishedMetrics() throws Exception {
        monitor.add(new InstanceSpec("a", url(), 2));
        assertThat(monitor.snapshot()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(InstanceState.UNKNOWN));

        monitor.probeAll().get(5, TimeUnit.SECONDS);
        requests.addAndGet(50);
        monitor.probeAll().get(5, TimeUnit.SECONDS);

        InstanceStatus s = monitor.snapshot().get(0);
        assertThat(s.state()).isEqualTo(InstanceState.UP);
        assertThat(s.spec().weight()).isEqualTo(2);
        assertThat(s.inFlight()).isEqualTo(3);
        assertThat(s.errors()).isEqualTo(2);
        assertThat(s.utilization()).isEqualTo(0.25);
        assertThat(s.cpuPercent()).as("utilization as a percentage").isEqualTo(25.0);
        assertThat(s.memoryPercent()).as("the sample service does not say").isEqualTo(-1);
        assertThat(s.latencyP50Ms()).isEqualTo(4.5);
        assertThat(s.latencyP95Ms()).isEqualTo(12.0);
        assertThat(s.requestsPerSecond()).isPositive();
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsExactly("added", "up");
    }

    @Test
    void shouldMarkAnInstanceDownWithTheReasonAndJournalTheChange() throws Exception {
        monitor.add(new InstanceSpec("a", url(), 1));
        monitor.probeAll().get(5, TimeUnit.SECONDS);
        healthStatus.set(503);
        monitor.probeAll().get(5, TimeUnit.SECONDS);

        InstanceStatus s = monitor.snapshot().get(0);
        assertThat(s.state()).isEqualTo(InstanceState.DOWN);
        assertThat(s.reason()).isEqualTo("health answered HTTP 503");
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsExactly("added", "up", "down");
    }

    @Test
    void shouldSayConnectionRefusedForAnInstanceThatIsNotListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        monitor.add(new InstanceSpec("gone", URI.create("http://127.0.0.1:" + port), 1));
        monitor.probeAll().get(5, TimeUnit.SECONDS);
        assertThat(monitor.snapshot().get(0).state()).isEqualTo(InstanceState.DOWN);
        assertThat(monitor.snapshot().get(0).reason()).isEqualTo("connection refused");
        assertThat(monitor.remove("gone")).isTrue();
        assertThat(monitor.snapshot()).isEmpty();
    }
}
