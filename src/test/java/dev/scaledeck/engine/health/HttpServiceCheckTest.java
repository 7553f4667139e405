package dev.scaledeck.engine.health;

import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HttpServiceCheckTest {

    private static TestHttpServer server;
    private final MutableClock clock = new MutableClock();
    private final HealthConfig config = HealthConfig.defaults()
            .withHttpDegradedAbove(Duration.ofMillis(500))
            .withCheckTimeout(Duration.ofSeconds(2));

    @BeforeAll
    static void startServer() {
        server = TestHttpServer.start("payments")
                .respond("/slow", 200, Duration.ofMillis(800))
                .respond("/broken", 500);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private HealthResult check(URI url) {
        return new HttpServiceCheck("payments", url, false, config, clock).check();
    }

    @Test
    void shouldBeUpWhenTheServiceAnswers200Quickly() {
        HealthResult result = check(server.uri("/ok"));

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).startsWith("GET " + server.uri("/ok") + " answered 200 in ").endsWith("(limit 500 ms)");
    }

    @Test
    void shouldBeDegradedWhenThe200IsSlowerThanTheLimit() {
        HealthResult result = check(server.uri("/slow"));

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("answered 200").endsWith("slower than the 500 ms limit");
        assertThat(result.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void shouldBeDownWhenTheServiceAnswers500() {
        HealthResult result = check(server.uri("/broken"));

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).contains("answered 500").endsWith("(expected 2xx)");
    }

    @Test
    void shouldBeDownWithTheReasonWhenNothingListens() {
        int port = TestHttpServer.closedPort();

        HealthResult result = check(URI.create("http://127.0.0.1:" + port + "/health"));

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("connection refused to 127.0.0.1:" + port
                + " (GET http://127.0.0.1:" + port + "/health)");
    }
}
