package dev.scaledeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.CliRun.Result;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scaledeck load-test} and {@code stress-test} against real loopback servers. */
class LoadTestCommandsTest {

    @TempDir
    Path home;
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/fail", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        // One request at a time, 20 ms each: at most about 50 requests/s however many users ask.
        HttpServer[] self = {server};
        Object oneAtATime = new Object();
        server.createContext("/narrow", exchange -> {
            synchronized (oneAtATime) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + self[0].getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Result run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("SCALEDECK_HOME", home.toString());
        env.put("DATABASE_URL", TestPostgres.freshDatabase().jdbcUrl());
        env.put("LOAD_BALANCER_INSTANCES", "[]");
        return CliRun.run(env, args);
    }

    @Test
    void aPassingRunShouldExitZeroWithItsFiguresAndWriteTheThreeReportFiles() throws Exception {
        Path out = home.resolve("result.json");
        Result r = run("load-test", "--url", base + "/ok", "--rate", "100", "--duration", "3s", "--threshold", "p99<1s",
                "--threshold", "error_rate<1%", "--check", "status==200", "--json", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("state").asText()).isEqualTo("completed");
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("requests").asLong()).isBetween(280L, 310L);
        assertThat(json.get("rps").asDouble()).isBetween(95.0, 105.0);
        assertThat(json.at("/latencyMs/p99").isNumber()).isTrue();
        assertThat(json.at("/errors/connect").asLong()).isZero();
        assertThat(json.at("/checks/passed").asLong()).isEqualTo(json.get("requests").asLong());
        assertThat(json.get("thresholds")).hasSize(2).allSatisfy(t -> assertThat(t.get("passed").asBoolean()).isTrue());
        Path html = Path.of(json.at("/reports/html").asText());
        assertThat(html).exists().startsWith(home.resolve("reports"));
        assertThat(Path.of(json.at("/reports/csv").asText())).exists();
        assertThat(Path.of(json.at("/reports/json").asText())).exists();
        assertThat(new ObjectMapper().readTree(Files.readString(out)).get("id").asText()).isEqualTo(json.get("id").asText());
    }

    @Test
    void aFailedThresholdShouldExitOneAndSayWhich() {
        Result r = run("load-test", "--url", base + "/fail", "--concurrency", "4", "--duration", "2s",
                "--threshold", "error_rate<1%");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL error_rate<1% (actual 100.00)").contains("5xx ");
    }

    @Test
    void anUnreachableTargetIsNotAUsageErrorButCountedConnectErrors() throws Exception {
        Result r = run("load-test", "--url", "http://127.0.0.1:1/none", "--concurrency", "2", "--duration", "1s", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/errors/connect").asLong()).isPositive();
        assertThat(json.get("requests").asLong()).isEqualTo(json.at("/errors/connect").asLong());
    }

    @Test
    void usageErrorsShouldExitTwoWithWhatIsWrong() {
        Result users = run("load-test", "--cluster", "--concurrency", "-1");
        Result url = run("load-test", "--url", "ftp://x/y");
        Result threshold = run("load-test", "--cluster", "--threshold", "p95<<500ms");
        Result none = run("load-test", "--concurrency", "5");

        assertThat(users.code()).isEqualTo(2);
        assertThat(users.err()).contains("users must be between 1 and 10000, but was -1");
        assertThat(url.code()).isEqualTo(2);
        assertThat(url.err()).contains("the target must be an http(s) URL with a host");
        assertThat(threshold.code()).isEqualTo(2);
        assertThat(threshold.err()).contains("'p95<<500ms' is not a threshold");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required argument").contains("--url=URL").contains("--cluster");
    }

    @Test
    void stressTestShouldFindWhereThroughputStopsRising() throws Exception {
        Result r = run("stress-test", "--url", base + "/narrow", "--start", "1", "--step", "4", "--steps", "4",
                "--step-duration", "2s", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("state").asText()).isEqualTo("completed");
        // The server takes one request at a time: a few users already get all it has, more get no more.
        assertThat(json.at("/brokeAt/reason").asText()).startsWith("throughput no longer rising");
        double held = json.at("/highestSustainable/load").asDouble();
        double broke = json.at("/brokeAt/load").asDouble();
        assertThat(broke).isEqualTo(held + 4);
        JsonNode steps = json.get("steps");
        assertThat(steps.size()).isBetween(2, 4);
        assertThat(steps.get(steps.size() - 1).get("held").asBoolean()).isFalse();
        assertThat(steps.get(steps.size() - 2).get("held").asBoolean()).isTrue();
        assertThat(steps.get(steps.size() - 1).get("rps").asDouble()).isLessThan(60);
        assertThat(json.get("summary").asText()).startsWith("held " + (long) held + " users");
    }
}
