package dev.scaledeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.testsupport.TestPostgres;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    @TempDir
    Path home;

    private Result run(Map<String, String> env, String... args) {
        return CliRun.inHome(home, env, args);
    }

    @Test
    void shouldPrintTheVersion() {
        Result r = run(Map.of(), "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ScaleDeck ").doesNotContain("${project.version}").contains("Java 17");
    }

    @Test
    void shouldExitTwoWithOneLineNamingTheBadSetting() {
        Result r = run(Map.of("SUPABASE_MAX_CONNECTIONS", "lots"), "status", "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("scaledeck: configuration error: SUPABASE_MAX_CONNECTIONS = 'lots' is not valid: "
                + "a whole number from 1 to 10000");
    }

    @Test
    void shouldExitTwoForBadFlagsAndUnknownOptionsWithoutAStackTrace() {
        Result flag = run(Map.of(), "status", "--set", "pool.minConnections=50");
        assertThat(flag.code()).isEqualTo(2);
        assertThat(flag.err()).contains("--set pool.minConnections = '50' is not valid: must not exceed SUPABASE_MAX_CONNECTIONS (default) = 20")
                .doesNotContain("\tat ");
        Result unknown = run(Map.of(), "status", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").contains("scaledeck status --help");
        Result platform = run(Map.of("DEPLOYMENT_PLATFORM", "heroku"), "status");
        assertThat(platform.code()).isEqualTo(2);
        assertThat(platform.err()).contains("DEPLOYMENT_PLATFORM = 'heroku' is not valid: one of local, kubernetes, docker-swarm, vercel");
        Result exitAfter = run(Map.of(), "gui", "--exit-after", "soon");
        assertThat(exitAfter.code()).isEqualTo(2);
        assertThat(exitAfter.err()).contains("--exit-after = 'soon' is not valid");
        Result screenshotAfter = run(Map.of(), "gui", "--screenshot", "x.png", "--screenshot-after", "later");
        assertThat(screenshotAfter.code()).isEqualTo(2);
        assertThat(screenshotAfter.err()).contains("--screenshot-after = 'later' is not valid: a duration such as");
        Result delayAlone = run(Map.of(), "gui", "--screenshot-after", "30s");
        assertThat(delayAlone.code()).isEqualTo(2);
        assertThat(delayAlone.err()).contains("--screenshot-after needs --screenshot FILE");
        Result section = run(Map.of(), "gui", "--section", "Billing");
        assertThat(section.code()).isEqualTo(2);
        assertThat(section.err()).contains("--section = 'Billing' is not valid: one of Overview, Pool, Balancer, Scaling, Health, Load tests, Backups");
    }

    @Test
    void shouldReportARealDatabaseAndRealInstancesAsOneJsonDocument() throws Exception {
        DatabaseUrl db = TestPostgres.freshDatabase();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try {
            String instances = "[{\"id\":\"web-1\",\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
                    + "\",\"weight\":3},{\"id\":\"web-2\",\"url\":\"http://127.0.0.1:" + closedPort + "\"}]";
            String url = "postgres://postgres:not-needed-secret@" + db.jdbcUrl().substring("jdbc:postgresql://".length());
            Result r = run(Map.of("DATABASE_URL", url, "LOAD_BALANCER_INSTANCES", instances), "status", "--json");

            assertThat(r.code()).as(r.out() + r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.at("/database/embedded").asBoolean()).isFalse();
            assertThat(json.at("/database/reachable").asBoolean()).isTrue();
            assertThat(json.at("/database/url").asText()).startsWith("jdbc:postgresql://").doesNotContain("not-needed-secret");
            assertThat(json.at("/database/user").asText()).isEqualTo("postgres");
            assertThat(json.at("/pool/max").asInt()).isEqualTo(20);
            assertThat(json.at("/pool/min").asInt()).isEqualTo(2);
            // Background work (the first health round) may be waiting for a connection at this instant.
            assertThat(json.at("/pool/waiting").isInt()).isTrue();
            assertThat(json.at("/pool/waiting").asInt()).isBetween(0, 20);
            assertThat(json.get("instances")).hasSize(2);
            assertThat(json.at("/instances/0/id").asText()).isEqualTo("web-1");
            assertThat(json.at("/instances/0/weight").asInt()).isEqualTo(3);
            assertThat(json.at("/instances/0/state").asText()).isEqualTo("UP");
            assertThat(json.at("/instances/1/state").asText()).isEqualTo("DOWN");
            assertThat(json.get("alerts").isArray()).isTrue();
            assertThat(r.out()).doesNotContain("not-needed-secret");
            assertThat(r.err()).doesNotContain("not-needed-secret");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldMaskAPasswordCarriedInsideAJdbcUrl() throws Exception {
        DatabaseUrl db = TestPostgres.freshDatabase();
        Result r = run(Map.of("DATABASE_URL", db.jdbcUrl() + "&password=Hunter2Secret", "LOAD_BALANCER_INSTANCES", "[]"),
                "status", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).at("/database/url").asText()).endsWith("password=****");
        assertThat(r.out() + r.err()).doesNotContain("Hunter2Secret");
    }

    @Test
    void shouldReportHealthUpForARealDatabaseAndDownWithAReasonForADeadPort() throws Exception {
        DatabaseUrl db = TestPostgres.freshDatabase();
        Result up = run(Map.of("DATABASE_URL", db.jdbcUrl(), "LOAD_BALANCER_INSTANCES", "[]"), "health", "--json");
        JsonNode upJson = new ObjectMapper().readTree(up.out());
        assertThat(upJson.at("/checks").findValuesAsText("name")).contains("database", "memory", "disk");
        assertThat(upJson.at("/checks/0/status").asText()).isEqualTo("UP");
        assertThat(up.code()).as(up.out()).isEqualTo("UP".equals(upJson.get("status").asText()) ? 0 : 1);

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Result down = run(Map.of("DATABASE_URL", "postgres://app:pw@127.0.0.1:" + closedPort + "/none",
                "LOAD_BALANCER_INSTANCES", "[]"), "health", "--set", "pool.acquireTimeout=500ms");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.out()).startsWith("Health     DOWN").contains("database").contains("DOWN")
                .contains("connection refused").doesNotContain("pw@");
    }

    @Test
    void shouldExitOneWhenTheDatabaseIsNotReachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Result r = run(Map.of("DATABASE_URL", "postgres://app:pw@127.0.0.1:" + closedPort + "/none",
                        "LOAD_BALANCER_INSTANCES", "[]"),
                "status", "--json", "--set", "pool.acquireTimeout=500ms");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/database/reachable").asBoolean()).isFalse();
        assertThat(json.at("/database/error").asText()).contains("connection refused");
    }
}
