package dev.scaledeck.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AmbientTrafficTest {

    private SampleInstance instance;

    @BeforeEach
    void startInstance() throws IOException {
        instance = SampleInstance.start("sample-ambient", SeededDatabase.pool());
    }

    @AfterEach
    void stopInstance() {
        instance.close();
    }

    @Test
    void shouldSendProjectReadsAndConversionsToTheInstances() {
        try (AmbientTraffic traffic = new AmbientTraffic(50, () -> List.of(instance.url()))) {
            traffic.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> instance.metrics().requests() >= 40);

            assertThat(traffic.running()).isTrue();
            assertThat(traffic.sent()).isGreaterThanOrEqualTo(40);
            assertThat(traffic.failed()).isZero();
            assertThat(instance.metrics().errors()).isZero();
        }
    }

    @Test
    void shouldStopSendingWhenClosed() {
        AmbientTraffic traffic = new AmbientTraffic(100, () -> List.of(instance.url()));
        traffic.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> traffic.sent() > 0);

        long started = System.nanoTime();
        traffic.close();
        long sentAtClose = traffic.sent();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(traffic.running()).isFalse();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> traffic.sent() == sentAtClose);
    }

    @Test
    void shouldRefuseToStartWithATargetOffThisMachine() {
        AmbientTraffic traffic = new AmbientTraffic(5, () -> List.of(instance.url(), URI.create("http://192.0.2.10:8080")));

        assertThatThrownBy(traffic::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ambient traffic only goes to this machine, but target http://192.0.2.10:8080 "
                        + "is not a loopback address (use 127.0.0.1 or localhost)");
        assertThat(traffic.running()).isFalse();
    }

    @Test
    void shouldSendThroughTheGivenSenderAndCountWhatItCouldNotPlace() {
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean();
        AmbientTraffic.Sender sender = (method, path, body) -> {
            if (refuse.get()) {
                throw new IllegalStateException("no healthy instance");
            }
            calls.add(method + " " + path);
            return java.util.concurrent.CompletableFuture.completedFuture(path.startsWith("/api/projects") ? 200 : 503);
        };
        try (AmbientTraffic traffic = AmbientTraffic.through(200, sender)) {
            traffic.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().anyMatch(c -> c.startsWith("POST /api/convert?user="))
                    && calls.stream().anyMatch(c -> c.startsWith("GET /api/projects?user=")));
            long failedBefore = traffic.failed();
            refuse.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> traffic.failed() > failedBefore + 5);
            assertThat(traffic.running()).as("a refusing sender does not stop the schedule").isTrue();
        }
    }

    @Test
    void shouldSendNothingAtRateZeroAndFollowTheDialWhenTurnedUpAndDown() {
        try (AmbientTraffic traffic = new AmbientTraffic(0, () -> List.of(instance.url()))) {
            traffic.start();

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> traffic.sent() == 0);
            assertThat(instance.metrics().requests()).isZero();

            traffic.setRate(50);
            assertThat(traffic.rate()).isEqualTo(50);
            await().atMost(Duration.ofSeconds(10)).until(() -> instance.metrics().requests() >= 10);

            traffic.setRate(0);
            long stoppedAt = traffic.sent();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> traffic.sent() == stoppedAt);
            assertThatThrownBy(() -> traffic.setRate(1001)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("requests per second must be between 0 and 1000, but was 1001.0");
        }
    }

    @Test
    void shouldRejectARateOutsideTheAllowedRange() {
        assertThatThrownBy(() -> new AmbientTraffic(-1, List::of)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requests per second must be between 0 and 1000, but was -1.0");
        assertThatThrownBy(() -> new AmbientTraffic(Double.NaN, List::of))
                .hasMessage("requests per second must be between 0 and 1000, but was NaN");
    }
}
