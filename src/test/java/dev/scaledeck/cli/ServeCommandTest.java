package dev.scaledeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code scaledeck serve}: the engine without a window, its metrics, and a graceful stop on SIGTERM. */
class ServeCommandTest {

    @TempDir
    Path home;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldServeMetricsUntilSigtermThenStopGracefullyAndExitZero() throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.scaledeck.Main",
                "serve", "--metrics-port", Integer.toString(port))
                .redirectError(home.resolve("serve.err").toFile());
        // A database of the test server keeps it fast: no embedded PostgreSQL to initialise and seed.
        pb.environment().putAll(Map.of("SCALEDECK_HOME", home.toString(),
                "DATABASE_URL", TestPostgres.freshDatabase().jdbcUrl(), "SCALEDECK_SAMPLE_INSTANCES", "1"));
        Process serve = pb.start();
        try {
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> firstLine(serve));
            String line = firstLine.get(60, TimeUnit.SECONDS);
            assertThat(line).startsWith("ScaleDeck serving: engine on database ")
                    .contains("metrics at http://127.0.0.1:" + port + "/metrics");

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("scaledeck_pool_connections_max 20.0", "scaledeck_balancer_requests_total{");
            });

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            assertThat(serve.exitValue()).as(Files.readString(home.resolve("serve.err"))).isZero();
        } finally {
            serve.destroyForcibly();
        }
        List<String> journal = Files.readAllLines(home.resolve("events.jsonl"));
        JsonNode last = new ObjectMapper().readTree(journal.get(journal.size() - 1));
        assertThat(last.path("category").asText()).isEqualTo("engine");
        assertThat(last.path("type").asText()).isEqualTo("stopped");
        assertThat(Files.readString(home.resolve("serve.err"))).contains("Stopping on SIGTERM", "ScaleDeck stopped");
    }

    private static String firstLine(Process p) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            return line == null ? "(no output)" : line;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldExitTwoNamingAddressAndPortWhenTheMetricsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CliRun.Result r = CliRun.inHome(home, Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none"),
                    "serve", "--metrics-port", Integer.toString(port));

            assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).isEqualTo("scaledeck: Cannot serve metrics on 127.0.0.1:" + port
                    + ": the port is already in use; choose another with --metrics-port or metrics.port (0 turns it off)"
                    + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void shouldRejectAMetricsPortThatIsNoPort() {
        CliRun.Result r = CliRun.inHome(home, Map.of(), "serve", "--metrics-port", "70000");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'70000' is not a port: a whole number from 0 to 65535 (0: off)");
    }

    @Test
    void shouldRejectABadBindAddressNamingTheSetting() {
        CliRun.Result r = CliRun.inHome(home, Map.of("SCALEDECK_METRICS_BIND", "example.com"),
                "serve", "--metrics-port", "9464");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("SCALEDECK_METRICS_BIND = 'example.com' is not valid: an IP address");
    }
}
