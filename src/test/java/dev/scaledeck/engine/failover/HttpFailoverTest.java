package dev.scaledeck.engine.failover;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.health.TestHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpFailoverTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        clock.advance(d);
    };
    private final TestHttpServer primary = TestHttpServer.start("primary");
    private final TestHttpServer secondary = TestHttpServer.start("secondary");
    private HttpFailover failover;

    @AfterEach
    void tearDown() {
        if (failover != null) {
            failover.close();
        }
        primary.close();
        secondary.close();
    }

    private HttpFailover failover(FailoverConfig config) {
        failover = new HttpFailover("api", primary.uri(), secondary.uri(),
                config.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock, journal, sleeper);
        return failover;
    }

    private static FailoverConfig noJitter() {
        return FailoverConfig.defaults().withRetry(3, Duration.ofMillis(200), 2.0, 0, Duration.ofSeconds(10));
    }

    private List<EngineEvent> failoverEvents() {
        return journal.recent(100).stream().filter(e -> e.category().equals("failover")).toList();
    }

    private void checks(int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(5));
            failover.checkNow();
        }
    }

    @Test
    void shouldSendRequestsToThePrimaryWhileItIsHealthy() throws Exception {
        failover(FailoverConfig.defaults());
        failover.checkNow();

        FailoverResponse response = failover.execute(FailoverRequest.get("/orders?page=1"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok from primary");
        assertThat(response.endpoint()).isEqualTo("primary " + primary.uri());
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_PRIMARY);
    }

    @Test
    void shouldFailOverWhenThePrimaryStopsAndFailBackAfterFiveHealthyChecksWhenItIsBack() throws Exception {
        failover(FailoverConfig.defaults());
        checks(1);
        primary.stop();

        checks(2);
        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_PRIMARY);
        checks(1);

        FailoverSnapshot afterFailover = failover.snapshot();
        assertThat(afterFailover.state()).isEqualTo(FailoverState.ON_SECONDARY);
        assertThat(afterFailover.activeEndpoint()).isEqualTo(secondary.uri().toString());
        assertThat(afterFailover.since()).isEqualTo(clock.instant());
        assertThat(failover.activeUrl()).isEqualTo(secondary.uri());
        assertThat(failover.execute(FailoverRequest.get("/orders")).body()).isEqualTo("ok from secondary");
        assertThat(failoverEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("failover");
            assertThat(e.subject()).isEqualTo("api");
            assertThat(e.message()).contains("failed 3 consecutive checks")
                    .contains("connection refused to 127.0.0.1:" + primary.port());
        });

        primary.restart();
        checks(4);
        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_SECONDARY);
        assertThat(failover.snapshot().primary().consecutiveSuccesses()).isEqualTo(4);
        checks(1);

        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_PRIMARY);
        assertThat(failover.snapshot().failbacks()).isEqualTo(1);
        assertThat(failover.execute(FailoverRequest.get("/orders")).body()).isEqualTo("ok from primary");
        assertThat(failoverEvents()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo("failback");
            assertThat(e.message()).contains("the primary was healthy for 5 consecutive checks");
        });
    }

    @Test
    void aPrimaryThatIsHealthyOnlyNowAndThenShouldNotGetTheTrafficBack() {
        failover(FailoverConfig.defaults());
        primary.respond("/health", 503);
        checks(3);
        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_SECONDARY);

        for (int i = 0; i < 4; i++) {
            primary.respond("/health", 200);
            checks(1);
            primary.respond("/health", 503);
            checks(1);
        }

        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_SECONDARY);
        assertThat(failover.snapshot().failbacks()).isZero();
        assertThat(failoverEvents()).extracting(EngineEvent::type).containsExactly("failover");
    }

    @Test
    void aRequestShouldFailOverMidwayWhenThePrimaryKeepsFailing() throws Exception {
        failover(noJitter().withThresholds(2, 5));
        primary.stop();

        FailoverResponse response = failover.execute(FailoverRequest.get("/orders"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok from secondary");
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_SECONDARY);
        assertThat(failoverEvents()).singleElement().satisfies(e ->
                assertThat(e.message()).contains("connection refused to 127.0.0.1:" + primary.port() + " (GET "));
    }

    @Test
    void shouldRetryA503AndReturnItWhenAttemptsRunOut() throws Exception {
        failover(noJitter().withThresholds(10, 5));
        primary.respond("/orders", 503);

        FailoverResponse response = failover.execute(FailoverRequest.get("/orders"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(primary.requests("/orders")).isEqualTo(3);
        assertThat(failover.snapshot().primary().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void aPostShouldNotBeRetriedUnlessMarkedSafe() throws Exception {
        failover(noJitter().withThresholds(10, 5));
        primary.respond("/orders", 503);

        FailoverResponse once = failover.execute(FailoverRequest.post("/orders", "{\"id\":1}"));
        assertThat(once.status()).isEqualTo(503);
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(primary.requests("/orders")).isEqualTo(1);

        FailoverResponse retried = failover.execute(FailoverRequest.post("/orders", "{\"id\":1}")
                .withHeader("Idempotency-Key", "order-1").markedSafeToRetry());
        assertThat(retried.attempts()).isEqualTo(3);
        assertThat(primary.requests("/orders")).isEqualTo(4);
    }

    @Test
    void aPostShouldBeRetriedWhenTheConfigurationAllowsIt() throws Exception {
        failover(noJitter().withThresholds(10, 5).withRetryNonIdempotent(true));
        primary.respond("/orders", 503);

        assertThat(failover.execute(FailoverRequest.post("/orders", "x")).attempts()).isEqualTo(3);
    }

    @Test
    void aPostThatCannotConnectShouldFailOnceWithAReadableReason() {
        failover(noJitter());
        primary.stop();

        assertThatThrownBy(() -> failover.execute(FailoverRequest.post("/orders", "x")))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection refused to 127.0.0.1:" + primary.port() + " (POST " + primary.uri() + "/orders)");
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldGiveUpWithinTheTotalTimeBoundWhenBothEndpointsAreDown() {
        failover(FailoverConfig.defaults().withThresholds(2, 5)
                .withRetry(10, Duration.ofMillis(400), 2.0, 0, Duration.ofSeconds(1)));
        primary.stop();
        secondary.stop();

        assertThatThrownBy(() -> failover.execute(FailoverRequest.get("/orders")))
                .isInstanceOf(RetryExhaustedException.class)
                .hasMessageStartingWith("gave up after 2 attempt(s) in 400 ms: waiting 800 ms more would pass the 1.0 s limit")
                .hasMessageContaining("connection refused to 127.0.0.1:" + primary.port());
        assertThat(waits).containsExactly(Duration.ofMillis(400));
        assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_PRIMARY);
        assertThat(failoverEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("no-standby");
            assertThat(e.message()).contains("the secondary is not healthy either (connection refused to 127.0.0.1:"
                    + secondary.port());
        });
    }
}
