package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleInstanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ConnectionPool pool;
    private SampleInstance instance;

    @BeforeEach
    void startInstance() throws IOException {
        pool = SeededDatabase.pool();
        instance = SampleInstance.start("sample-test", pool);
    }

    @AfterEach
    void stopInstance() {
        instance.close();
    }

    @Test
    void shouldListenOnLoopbackAndReportHealthyWithItsId() throws Exception {
        HttpResponse<String> health = get("/health");

        assertThat(instance.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(instance.running()).isTrue();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("id").asText()).isEqualTo("sample-test");
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void shouldReportDownWhenTheDatabaseDoesNotAnswer() throws Exception {
        PoolConfig quick = PoolConfig.defaults().withAcquireTimeout(Duration.ofMillis(250));
        try (ConnectionPool unreachable = new ConnectionPool("nowhere", DatabaseUrl.of("jdbc:postgresql://127.0.0.1:1/none",
                "postgres", null), new PoolConfig(0, 2, quick.acquireTimeout(), quick.idleTimeout(),
                quick.leakDetection(), Duration.ofSeconds(1)), Clock.systemUTC());
             SampleInstance orphan = SampleInstance.start("sample-orphan", unreachable)) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(orphan.url().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).get("status").asText()).isEqualTo("DOWN");
            assertThat(json(health).get("id").asText()).isEqualTo("sample-orphan");
        }
    }

    @Test
    void shouldListTheProjectsOfAUser() throws Exception {
        HttpResponse<String> response = get("/api/projects?user=1000");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode projects = json(response);
        assertThat(projects.isArray()).isTrue();
        assertThat(projects).hasSize(3);
        assertThat(projects.get(0).get("id").asLong()).isPositive();
        assertThat(projects.get(0).get("name").asText()).isNotBlank();
        assertThat(projects.get(0).get("createdAt").asText()).endsWith("Z");
    }

    @Test
    void shouldAnswerAnEmptyListForAnUnknownUser() throws Exception {
        HttpResponse<String> response = get("/api/projects?user=987654321");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void shouldRejectAMissingOrNonNumericUserWithAClearMessage() throws Exception {
        HttpResponse<String> missing = get("/api/projects");
        HttpResponse<String> text = get("/api/projects?user=abc");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").asText()).isEqualTo("query parameter 'user' is required, e.g. ?user=42");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).get("error").asText())
                .isEqualTo("query parameter 'user' must be a positive whole number, but was 'abc'");
    }

    @Test
    void shouldConvertAWorkflowToTypeScript() throws Exception {
        HttpResponse<String> response = post("/api/convert", WorkflowConverter.sampleWorkflow(8, 3));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("language").asText()).isEqualTo("typescript");
        assertThat(body.get("nodes").asInt()).isEqualTo(8);
        assertThat(body.get("code").asText()).contains("export async function run");
        assertThat(body.get("durationMs").isNumber()).isTrue();
    }

    @Test
    void shouldRejectABadWorkflowWithTheValidationMessage() throws Exception {
        HttpResponse<String> notJson = post("/api/convert", "this is not json");
        HttpResponse<String> unknownTarget = post("/api/convert", "{\"nodes\":[{\"name\":\"A\",\"type\":\"t\"}],"
                + "\"connections\":{\"A\":{\"main\":[[{\"node\":\"B\"}]]}}}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).startsWith("workflow is not valid JSON");
        assertThat(unknownTarget.statusCode()).isEqualTo(400);
        assertThat(json(unknownTarget).get("error").asText())
                .isEqualTo("connection from \"A\" goes to \"B\", which is not a node");
    }

    @Test
    void shouldRecordAConversionForAUser() throws Exception {
        long before = conversionsOf(7);

        HttpResponse<String> response = post("/api/convert?user=7&language=javascript", WorkflowConverter.sampleWorkflow(5, 9));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("language").asText()).isEqualTo("javascript");
        assertThat(conversionsOf(7)).isEqualTo(before + 1);
    }

    @Test
    void shouldSayWhenTheUserOfAConversionDoesNotExist() throws Exception {
        HttpResponse<String> response = post("/api/convert?user=99999999", WorkflowConverter.sampleWorkflow(5, 9));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("no user with id 99999999");
    }

    @Test
    void shouldAnswerUnknownPathsWith404AndWrongMethodsWith405() throws Exception {
        HttpResponse<String> unknown = get("/api/nothing");
        HttpResponse<String> wrongMethod = get("/api/convert");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(wrongMethod).get("error").asText()).isEqualTo("GET is not allowed on /api/convert; use POST");
    }

    @Test
    void shouldCountRequestsAndErrorsButNotMonitoring() throws Exception {
        get("/api/projects?user=1");
        get("/api/projects?user=2");
        post("/api/convert", WorkflowConverter.sampleWorkflow(6, 1));
        get("/api/projects?user=oops");
        get("/nowhere");
        get("/health");

        JsonNode metrics = json(get("/metrics"));

        assertThat(metrics.get("id").asText()).isEqualTo("sample-test");
        assertThat(metrics.get("requests").asLong()).isEqualTo(5);
        assertThat(metrics.get("errors").asLong()).isEqualTo(2);
        assertThat(metrics.get("inFlight").asInt()).isZero();
        assertThat(metrics.get("utilization").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.get("latencyP50Ms").asDouble()).isPositive();
        assertThat(metrics.get("latencyP95Ms").asDouble()).isGreaterThanOrEqualTo(metrics.get("latencyP50Ms").asDouble());
        assertThat(metrics.get("uptimeSeconds").asLong()).isNotNegative();
        assertThat(instance.metrics().requests()).isEqualTo(5);
    }

    @Test
    void shouldStopServingWhenClosedAndCloseTwiceQuietly() {
        URI url = instance.url();

        instance.close();
        instance.close();

        assertThat(instance.running()).isFalse();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void shouldRunOnDaemonThreadsOnlySoAnUnclosedInstanceCannotKeepTheJvmAlive() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (SampleInstance other = SampleInstance.start("sample-daemon", pool)) {
            HttpResponse<String> ignored = getQuietly(other.url().resolve("/health"));
            List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t))
                    .filter(t -> t.getName().startsWith("sample-daemon") || t.getName().equals("HTTP-Dispatcher"))
                    .toList();

            assertThat(ignored.statusCode()).isEqualTo(200);
            assertThat(started).extracting(Thread::getName).contains("HTTP-Dispatcher", "sample-daemon-worker-1");
            assertThat(started).allMatch(Thread::isDaemon);
        }
    }

    private HttpResponse<String> getQuietly(URI url) {
        try {
            return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(instance.url().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(instance.url().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private long conversionsOf(long user) throws SQLException {
        return pool.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM conversions WHERE user_id = ?")) {
                ps.setLong(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
