package dev.scaledeck.engine.failover;

import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedRetryTest {

    private final MutableClock clock = new MutableClock();
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        clock.advance(d);
    };

    private BoundedRetry<String> retry(int maxAttempts, long initialMillis, double multiplier, double jitter, Duration maxTotal) {
        FailoverConfig config = FailoverConfig.defaults()
                .withRetry(maxAttempts, Duration.ofMillis(initialMillis), multiplier, jitter, maxTotal);
        return new BoundedRetry<>("test", config, "busy"::equals, IOException.class::isInstance, clock, sleeper);
    }

    /** Fails {@code failures} times with an IOException, then answers "done". */
    private static BoundedRetry.Attempt<String> failingTimes(int failures, AtomicInteger calls) {
        return (attempt, remaining) -> {
            if (calls.incrementAndGet() <= failures) {
                throw new IOException("connection refused to 127.0.0.1:5");
            }
            return "done";
        };
    }

    @Test
    void shouldRetryWithExponentialBackoffAndRecordEveryWait() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result = retry(4, 200, 2.0, 0, Duration.ofSeconds(10)).execute(failingTimes(3, calls), true);

        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void jitteredWaitsShouldStayWithinTheirBounds() throws Exception {
        BoundedRetry<String> retry = retry(4, 200, 2.0, 0.5, Duration.ofMinutes(1));

        for (int i = 0; i < 20; i++) {
            retry.execute(failingTimes(3, new AtomicInteger()), true);
        }

        assertThat(waits).hasSize(60);
        for (int i = 0; i < waits.size(); i++) {
            long base = 200L << (i % 3);
            assertThat(waits.get(i).toMillis()).isBetween(base / 2, base * 3 / 2);
        }
        assertThat(waits.stream().distinct().count()).as("jitter spreads the waits").isGreaterThan(3);
    }

    @Test
    void shouldNotStartAWaitThatWouldPassTheTotalTimeBound() {
        AtomicInteger calls = new AtomicInteger();
        BoundedRetry.Attempt<String> slowFailure = (attempt, remaining) -> {
            calls.incrementAndGet();
            clock.advance(Duration.ofMillis(100));
            throw new IOException("no answer from 127.0.0.1:5 within 100 ms");
        };

        assertThatThrownBy(() -> retry(10, 400, 2.0, 0, Duration.ofSeconds(1)).execute(slowFailure, true))
                .isInstanceOf(RetryExhaustedException.class)
                .hasMessage("gave up after 2 attempt(s) in 600 ms: waiting 800 ms more would pass the 1.0 s limit "
                        + "on total time: no answer from 127.0.0.1:5 within 100 ms");
        assertThat(calls).hasValue(2);
        assertThat(waits).containsExactly(Duration.ofMillis(400));
    }

    @Test
    void eachAttemptShouldBeToldTheTimeLeftInTheBudget() {
        List<Duration> remaining = new ArrayList<>();

        assertThatThrownBy(() -> retry(3, 200, 2.0, 0, Duration.ofSeconds(1)).execute((attempt, left) -> {
            remaining.add(left);
            throw new IOException("refused");
        }, true)).isInstanceOf(RetryExhaustedException.class);

        assertThat(remaining).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(800), Duration.ofMillis(400));
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithTheLastReason() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry(3, 200, 2.0, 0, Duration.ofSeconds(10)).execute(failingTimes(5, calls), true))
                .isInstanceOf(RetryExhaustedException.class)
                .hasMessage("gave up after 3 attempt(s) in 600 ms (at most 3): connection refused to 127.0.0.1:5")
                .satisfies(e -> assertThat(((RetryExhaustedException) e).attempts()).isEqualTo(3));
        assertThat(calls).hasValue(3);
    }

    @Test
    void shouldCallOnceAndRethrowAsIsWhenRetryIsNotAllowed() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry(3, 200, 2.0, 0, Duration.ofSeconds(10)).execute(failingTimes(5, calls), false))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection refused to 127.0.0.1:5");
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldNotRetryAFailureThatIsNotWorthRetrying() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry(3, 200, 2.0, 0, Duration.ofSeconds(10)).execute((attempt, left) -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad request");
        }, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldReturnTheLastRetriableAnswerWhenAttemptsRunOut() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result = retry(3, 200, 2.0, 0, Duration.ofSeconds(10)).execute((attempt, left) -> {
            calls.incrementAndGet();
            return "busy";
        }, true);

        assertThat(result).isEqualTo("busy");
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }
}
