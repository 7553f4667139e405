package dev.scaledeck.engine.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** GET /metrics of a real engine over real HTTP on 127.0.0.1. */
class MetricsEndpointTest {

    @TempDir
    static Path home;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HttpServer app;
    private static ScalingEngine engine;
    private static EngineMetrics metrics;
    private static MetricsEndpoint endpoint;

    @BeforeAll
    static void startEngineWithEndpoint() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        app.start();
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "SUPABASE_MAX_CONNECTIONS", "7",
                "LOAD_BALANCER_INSTANCES", "[{\"id\":\"app-1\",\"url\":\"http://127.0.0.1:" + app.getAddress().getPort() + "\"}]",
                "SCALEDECK_PROBE_INTERVAL", "200ms", "SCALEDECK_HEALTHY_THRESHOLD", "1", "SCALEDECK_SLOW_START", "0s"),
                Map.of());
        engine = ScalingEngine.start(config, TestPostgres.freshDatabase(), config.instances(), Clock.systemUTC());
        metrics = new EngineMetrics(engine);
        endpoint = MetricsEndpoint.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "127.0.0.1:0");
        endpoint.start(metrics);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        metrics.close();
        engine.close();
        app.stop(0);
    }

    private static HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = request("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        PrometheusText page = PrometheusText.parse(response.body());
        assertThat(page.skippedLines()).as("every line is valid Prometheus text").isZero();
        return page;
    }

    private static double value(PrometheusText page, String name, Map<String, String> labels) {
        return page.value(name, labels).orElseThrow(() -> new AssertionError(name + labels + " is not exported"));
    }

    @Test
    void shouldServePrometheusTextWithThePoolAsConfiguredAndTheJvm() throws Exception {
        HttpResponse<String> response = request("GET", "/metrics");

        assertThat(response.headers().firstValue("Content-Type")).hasValue(EngineMetrics.contentType());
        assertThat(EngineMetrics.contentType()).startsWith("text/plain; version=0.0.4");
        PrometheusText page = PrometheusText.parse(response.body());
        assertThat(value(page, "scaledeck_pool_connections_max", Map.of())).isEqualTo(7);
        assertThat(page.type("scaledeck_pool_acquired_total")).hasValue("counter");
        assertThat(page.samples("scaledeck_pool_acquire_wait_seconds")).extracting(s -> s.label("quantile"))
                .containsExactlyInAnyOrder("0.5", "0.99");
        assertThat(page.contains("jvm_memory_used_bytes")).isTrue();
        assertThat(page.contains("process_cpu_usage")).isTrue();
    }

    @Test
    void shouldCountAnInstancesRequestsSentThroughTheCluster() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.balancer().stats().instance("app-1").eligible());
        Map<String, String> app1 = Map.of("instance_id", "app-1");
        double before = value(scrape(), "scaledeck_balancer_requests_total", app1);

        for (int i = 0; i < 5; i++) {
            assertThat(engine.cluster().send("GET", "/api", null, Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        }

        PrometheusText after = scrape();
        assertThat(value(after, "scaledeck_balancer_requests_total", app1)).isGreaterThanOrEqualTo(before + 5);
        assertThat(value(after, "scaledeck_balancer_instance_state", Map.of("instance_id", "app-1", "state", "healthy")))
                .isEqualTo(1);
        assertThat(value(after, "scaledeck_balancer_instance_state", Map.of("instance_id", "app-1", "state", "ejected")))
                .isZero();
        assertThat(value(after, "scaledeck_balancer_latency_seconds", Map.of("instance_id", "app-1", "quantile", "0.99")))
                .isPositive().isLessThan(5);
        assertThat(value(after, "scaledeck_balancer_errors_total", app1)).isZero();
    }

    @Test
    void shouldShowScalingHealthBackupsRecoveryAndAlerts() throws Exception {
        engine.autoScaler().evaluateNow();

        PrometheusText page = scrape();

        assertThat(value(page, "scaledeck_scaling_decisions_total", Map.of("action", "blocked"))
                + value(page, "scaledeck_scaling_decisions_total", Map.of("action", "no_change"))).isPositive();
        assertThat(value(page, "scaledeck_scaling_last_decision_timestamp_seconds", Map.of()))
                .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
        assertThat(value(page, "scaledeck_health_status", Map.of())).isIn(0.0, 0.5, 1.0);
        assertThat(page.samples("scaledeck_health_check_status")).extracting(s -> s.label("check")).contains("database");
        assertThat(page.samples("scaledeck_alerts_active")).extracting(s -> s.label("severity"))
                .containsExactlyInAnyOrder("info", "warning", "critical");
        assertThat(value(page, "scaledeck_backup_rpo_seconds", Map.of())).isEqualTo(25 * 3600);
        assertThat(value(page, "scaledeck_backups_stored", Map.of())).isZero();
        assertThat(value(page, "scaledeck_backup_rpo_exceeded", Map.of("scope", "full"))).isEqualTo(1);
        assertThat(engine.alerts().isActive("backup.rpo.full")).as("a scrape leaves the RPO alerts to the schedules").isFalse();
        assertThat(value(page, "scaledeck_dr_plans", Map.of())).isEqualTo(engine.recovery().plans().size()).isPositive();
        String plan = engine.recovery().plans().get(0).id();
        assertThat(value(page, "scaledeck_dr_plan_never_drilled", Map.of("plan", plan))).isEqualTo(1);
        assertThat(value(page, "scaledeck_dr_last_drill_rto_seconds", Map.of("plan", plan))).isNaN();
        assertThat(value(page, "scaledeck_loadtest_running", Map.of())).isZero();
    }

    @Test
    void shouldAnswer405ToOtherMethodsAnd404Elsewhere() throws Exception {
        HttpResponse<String> post = request("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");

        assertThat(request("GET", "/").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/metrics/extra").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldNameTheAddressAndPortWhenThePortIsTaken() {
        int port = endpoint.address().getPort();

        assertThatThrownBy(() -> MetricsEndpoint.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                "127.0.0.1:" + port))
                .isInstanceOf(MetricsEndpointException.class)
                .hasMessage("Cannot serve metrics on 127.0.0.1:" + port + ": the port is already in use; choose another "
                        + "with --metrics-port or metrics.port (0 turns it off)");
    }
}
