package dev.scaledeck.engine.balancer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The monitor scraping a real local server that publishes Prometheus text, page after page. */
class InstanceMonitorPrometheusTest {

    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final long FIFTEEN_SECONDS = TimeUnit.SECONDS.toNanos(15);

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<String> page = new AtomicReference<>("");
    private final AtomicReference<String> contentType = new AtomicReference<>(PROMETHEUS);
    private HttpServer server;
    private InstanceMonitor monitor;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> respond(ex, null, "{\"status\":\"UP\"}"));
        server.createContext("/metrics", ex -> respond(ex, contentType.get(), page.get()));
        server.start();
        monitor = new InstanceMonitor(Clock.systemUTC(), new EventJournal(100, null), Duration.ofSeconds(1), io, nanos::get);
        monitor.add(new InstanceSpec("app", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), 1));
    }

    private static void respond(HttpExchange ex, String type, String body) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        InstanceMonitorTest.respond(ex, 200, body);
    }

    @AfterEach
    void stop() {
        monitor.close();
        server.stop(0);
        io.shutdownNow();
    }

    private InstanceStatus scrape(String text) throws Exception {
        page.set(text);
        monitor.probeAll().get(5, TimeUnit.SECONDS);
        return monitor.snapshot().get(0);
    }

    /** A Spring Boot actuator page: bucket counts per le for the 200 and the 500 series. */
    private static String micrometer(double cpuUsage, long[] ok, long[] failed) {
        String[] le = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "+Inf"};
        StringBuilder buckets = new StringBuilder();
        for (int i = 0; i < le.length; i++) {
            buckets.append("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"GET\","
                    + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/items\",le=\"").append(le[i]).append("\"} ")
                    .append(ok[i]).append('\n');
            buckets.append("http_server_requests_seconds_bucket{error=\"none\",exception=\"IllegalStateException\","
                    + "method=\"POST\",outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/api/items\",le=\"").append(le[i])
                    .append("\"} ").append(failed[i]).append('\n');
        }
        return """
                # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
                # TYPE process_cpu_usage gauge
                process_cpu_usage %s
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E8
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.0E8
                jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 1.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 6.0E7
                # HELP jvm_memory_max_bytes The maximum amount of memory in bytes that can be used for memory management
                # TYPE jvm_memory_max_bytes gauge
                jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 1.0E9
                jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"} -1.0
                jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1.0
                # TYPE http_server_requests_active_seconds_active_count gauge
                http_server_requests_active_seconds_active_count{exception="none",method="GET",outcome="SUCCESS",status="200",uri="UNKNOWN"} 2.0
                http_server_requests_active_seconds_active_count{exception="none",method="POST",outcome="SUCCESS",status="200",uri="UNKNOWN"} 3.0
                # TYPE http_server_requests_seconds histogram
                %shttp_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/items"} %d
                http_server_requests_seconds_count{error="none",exception="IllegalStateException",method="POST",outcome="SERVER_ERROR",status="500",uri="/api/items"} %d
                http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/items"} 12.5
                """.formatted(cpuUsage, buckets, ok[6], failed[6]);
    }

    @Test
    void shouldReadAMicrometerPageWithLatencyFromTheBucketsOfTheLastInterval() throws Exception {
        InstanceStatus first = scrape(micrometer(0.42,
                new long[] {1000, 1000, 1000, 1000, 1000, 1000, 1000}, new long[] {0, 0, 0, 0, 0, 0, 5}));

        assertThat(first.state()).isEqualTo(InstanceState.UP);
        assertThat(first.cpuPercent()).isCloseTo(42.0, within(1e-9));
        assertThat(first.memoryPercent()).as("eden + survivor + old of the old gen's max").isCloseTo(31.0, within(1e-9));
        assertThat(first.inFlight()).isEqualTo(5);
        assertThat(first.errors()).isEqualTo(5);
        assertThat(first.latencyP95Ms()).as("no interval yet").isEqualTo(-1);
        assertThat(first.requestsPerSecond()).isEqualTo(-1);
        assertThat(first.utilization()).as("workers are the sample service's").isEqualTo(-1);

        nanos.addAndGet(FIFTEEN_SECONDS);
        // 200 requests in 15 s: cumulative over both series 20, 60, 100, 150, 180, 196, 200.
        InstanceStatus second = scrape(micrometer(0.875,
                new long[] {1020, 1060, 1100, 1150, 1180, 1190, 1190}, new long[] {0, 0, 0, 0, 0, 6, 15}));

        assertThat(second.cpuPercent()).isCloseTo(87.5, within(1e-9));
        assertThat(second.requestsPerSecond()).isCloseTo(200 / 15.0, within(1e-9));
        assertThat(second.errors()).isEqualTo(15);
        // p50: rank 100 ends the 0.025 bucket; p95: rank 190 is 10/16 into (0.1, 0.25].
        assertThat(second.latencyP50Ms()).isCloseTo(25.0, within(1e-9));
        assertThat(second.latencyP95Ms()).isCloseTo(193.75, within(1e-9));
    }

    /** A client_golang page: no histogram buckets, a CPU counter, and GOMEMLIMIT for memory. */
    private static String golang(double cpuSeconds, long ok, long unavailable, double durationSum) {
        return """
                # HELP go_gc_gomemlimit_bytes Go runtime memory limit configured by the user, otherwise math.MaxInt64.
                # TYPE go_gc_gomemlimit_bytes gauge
                go_gc_gomemlimit_bytes 1.073741824e+09
                # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
                # TYPE process_cpu_seconds_total counter
                process_cpu_seconds_total %s
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes 2.68435456e+08
                # TYPE process_virtual_memory_max_bytes gauge
                process_virtual_memory_max_bytes 1.8446744073709552e+19
                # TYPE http_requests_in_flight gauge
                http_requests_in_flight 7
                # TYPE http_requests_total counter
                http_requests_total{code="200",handler="items",method="get"} %d
                http_requests_total{code="503",handler="items",method="get"} %d
                # TYPE http_request_duration_seconds summary
                http_request_duration_seconds_sum{handler="items"} %s
                http_request_duration_seconds_count{handler="items"} %d
                """.formatted(cpuSeconds, ok, unavailable, durationSum, ok + unavailable);
    }

    @Test
    void shouldReadAClientGolangPageWithCpuFromTheCounterRateAndTheMeanLatency() throws Exception {
        InstanceStatus first = scrape(golang(12.5, 500, 20, 40.5));

        assertThat(first.cpuPercent()).as("a rate needs two scrapes").isEqualTo(-1);
        assertThat(first.memoryPercent()).as("256 MiB resident of a 1 GiB GOMEMLIMIT").isCloseTo(25.0, within(1e-9));
        assertThat(first.inFlight()).isEqualTo(7);
        assertThat(first.errors()).isEqualTo(20);
        assertThat(first.latencyP50Ms()).isEqualTo(-1);

        nanos.addAndGet(FIFTEEN_SECONDS);
        InstanceStatus second = scrape(golang(18.5, 640, 30, 43.5));

        assertThat(second.cpuPercent()).as("6 cpu seconds in 15 s").isCloseTo(40.0, within(1e-9));
        assertThat(second.requestsPerSecond()).isCloseTo(10.0, within(1e-9));
        assertThat(second.errors()).isEqualTo(30);
        assertThat(second.latencyP50Ms()).as("3 s over 150 requests").isCloseTo(20.0, within(1e-9));
        assertThat(second.latencyP95Ms()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void shouldCapCpuAtOneHundredPercentAndNotMakeUpRatesAcrossACounterReset() throws Exception {
        scrape(golang(12.5, 500, 20, 40.5));
        nanos.addAndGet(FIFTEEN_SECONDS);
        assertThat(scrape(golang(42.5, 640, 30, 43.5)).cpuPercent()).as("two busy cores").isEqualTo(100.0);

        nanos.addAndGet(FIFTEEN_SECONDS);
        InstanceStatus restarted = scrape(golang(0.5, 10, 0, 0.1));

        assertThat(restarted.cpuPercent()).isEqualTo(-1);
        assertThat(restarted.requestsPerSecond()).isEqualTo(-1);
        assertThat(restarted.latencyP95Ms()).isEqualTo(-1);
        assertThat(restarted.inFlight()).as("gauges need no history").isEqualTo(7);
    }

    @Test
    void shouldTellPrometheusTextFromJsonByTheBodyWhenThereIsNoContentType() throws Exception {
        contentType.set(null);

        InstanceStatus prometheus = scrape("http_requests_in_flight 4\nprocess_cpu_usage 0.5\n");
        InstanceStatus json = scrape("  {\"requests\": 10, \"inFlight\": 9, \"utilization\": 0.1}");

        assertThat(prometheus.inFlight()).isEqualTo(4);
        assertThat(prometheus.cpuPercent()).isEqualTo(50.0);
        assertThat(json.inFlight()).isEqualTo(9);
        assertThat(json.cpuPercent()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void shouldReadOpenMetricsByItsContentType() throws Exception {
        contentType.set("application/openmetrics-text; version=1.0.0; charset=utf-8");

        InstanceStatus s = scrape("""
                # TYPE http_server_active_requests gauge
                http_server_active_requests 6 1700000000.25
                # EOF
                """);

        assertThat(s.inFlight()).isEqualTo(6);
    }

    @Test
    void shouldKnowNothingFromAPageOfGarbageAndStayUp() throws Exception {
        InstanceStatus s = scrape("<html><body>Whitelabel Error Page</body></html>\n");

        assertThat(s.state()).isEqualTo(InstanceState.UP);
        assertThat(new double[] {s.requestsPerSecond(), s.inFlight(), s.errors(), s.cpuPercent(), s.memoryPercent(),
                s.latencyP50Ms(), s.latencyP95Ms()}).containsOnly(-1);
    }
}
