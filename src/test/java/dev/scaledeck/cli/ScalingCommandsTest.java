package dev.scaledeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.testsupport.TestPostgres;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scaledeck scale}, {@code autoscale} and {@code hpa-manifest}. */
class ScalingCommandsTest {

    @TempDir
    Path home;

    private Result run(Map<String, String> env, String... args) {
        return CliRun.inHome(home, env, args);
    }

    @Test
    void hpaManifestShouldPrintValidAutoscalingV2YamlForTheConfiguredPolicy() {
        Result r = run(Map.of("SCALEDECK_SCALING_POLICY", "target-tracking", "SCALEDECK_SCALING_TARGETS", "cpu=65",
                "SCALEDECK_K8S_DEPLOYMENT", "web", "SCALEDECK_K8S_NAMESPACE", "shop", "SCALEDECK_MAX_INSTANCES", "12"),
                "hpa-manifest");

        assertThat(r.code()).as(r.err()).isZero();
        HorizontalPodAutoscaler hpa = new KubernetesSerialization().unmarshal(r.out(), HorizontalPodAutoscaler.class);
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(hpa.getSpec().getMetrics()).singleElement()
                .satisfies(m -> assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(65));
    }

    @Test
    void hpaManifestShouldWriteAFileWhenAsked() throws Exception {
        Path file = home.resolve("hpa.yaml");

        Result r = run(Map.of(), "hpa-manifest", "--output", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("Wrote " + file);
        assertThat(Files.readString(file)).contains("kind: \"HorizontalPodAutoscaler\"").contains("name: \"n8n-converter\"");
    }

    @Test
    void hpaManifestShouldRejectABadPolicySettingLikeEveryCommand() {
        Result r = run(Map.of("SCALEDECK_SCALING_TARGETS", "cpu=0"), "hpa-manifest");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("SCALEDECK_SCALING_TARGETS = 'cpu=0' is not valid")
                .contains("the target for cpu must be above 0 and at most 100, but was 0");
    }

    @Test
    void scaleShouldRejectABadCountAsAUsageError() {
        Result negative = run(Map.of(), "scale", "--to", "-1");
        Result missing = run(Map.of(), "scale");
        Result words = run(Map.of(), "scale", "--to", "five");

        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--to must be between 0 and 1000, but was -1");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--to=N'");
        assertThat(words.code()).isEqualTo(2);
        assertThat(words.err()).contains("'five' is not an int");
    }

    @Test
    void scaleShouldSayWhenThereIsNoPlatformToAskAndChangeNothing() {
        Result r = run(Map.of("DATABASE_URL", TestPostgres.freshDatabase().jdbcUrl(), "LOAD_BALANCER_INSTANCES", "[]"),
                "scale", "--to", "3");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no scaling platform is configured; ScaleDeck only watches these instances");
    }

    @Test
    void autoscaleOnceShouldReadTheInstancesMetricsAndExplainItsDecision() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().equals("/metrics")
                    ? "{\"requests\":100,\"inFlight\":7,\"errors\":0,\"utilization\":0.95,\"latencyP50Ms\":40,"
                            + "\"latencyP95Ms\":120,\"uptimeSeconds\":60}"
                    : "{\"status\":\"UP\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            String instances = "[{\"id\":\"web-1\",\"url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "\"}]";
            Result r = run(Map.of("DATABASE_URL", TestPostgres.freshDatabase().jdbcUrl(),
                    "LOAD_BALANCER_INSTANCES", instances), "autoscale", "--once", "--dry-run", "--json");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("mode").asText()).isEqualTo("recommend");
            assertThat(json.get("platform").asText()).isEqualTo("none");
            assertThat(json.at("/metrics/cpu").asDouble()).isEqualTo(95.0);
            assertThat(json.at("/metrics/connections").asDouble()).isEqualTo(7.0);
            assertThat(json.at("/metrics/response-time").asDouble()).isEqualTo(120.0);
            assertThat(json.get("action").asText()).isEqualTo("no-change");
            assertThat(json.get("reason").asText()).isEqualTo("cpu 95 % > 80 % (1 of 2 samples)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void autoscaleReplayShouldPrintTheReplicaCurveOfARecordedSeries() throws Exception {
        StringBuilder csv = new StringBuilder("time,cpu,replicas\n");
        for (int i = 0; i <= 20; i++) {
            csv.append(i * 15).append(',').append(i >= 4 && i < 10 ? 95 : 50).append(",2\n");
        }
        Path file = home.resolve("metrics.csv");
        Files.writeString(file, csv);

        Result r = run(Map.of("SCALEDECK_SCALING_COOLDOWN", "30s"), "autoscale", "--replay", file.toString(), "--json");
        Result text = run(Map.of("SCALEDECK_SCALING_COOLDOWN", "30s"), "autoscale", "--replay", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("points").asInt()).isEqualTo(21);
        assertThat(json.get("peak").asInt()).isGreaterThan(2);
        assertThat(json.get("changes").asInt()).isPositive();
        assertThat(json.at("/steps/5/action").asText()).isEqualTo("scale-up");
        assertThat(json.at("/steps/5/reason").asText()).startsWith("cpu 95 % > 80 % for 2 samples");
        assertThat(text.out()).startsWith("Replaying " + file + " (21 points over 5m) through threshold:")
                .contains("2 -> 3  cpu 95 % > 80 % for 2 samples");
    }

    @Test
    void autoscaleReplayShouldNameTheLineOfABadCsv() throws Exception {
        Path file = home.resolve("bad.csv");
        Files.writeString(file, "time,cpu\n0,50\n15,lots\n");

        Result r = run(Map.of(), "autoscale", "--replay", file.toString());
        Result missing = run(Map.of(), "autoscale", "--replay", home.resolve("none.csv").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--replay: bad.csv line 3, column cpu: 'lots' is not a number");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--replay: no such file: " + home.resolve("none.csv"));
    }
}
