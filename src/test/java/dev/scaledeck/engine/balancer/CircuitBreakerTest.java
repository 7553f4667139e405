package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.fail;
import static dev.scaledeck.engine.balancer.Balancers.pickOf;
import static dev.scaledeck.engine.balancer.Balancers.picks;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);
    private final LoadBalancer lb = balancer(Balancers.noSlowStart().build(), clock, journal, spec("a", 1), spec("b", 1));

    private BreakerState breakerOf(String id) {
        return lb.stats().instance(id).breakerState();
    }

    /** OTHER failures count against the breaker but not towards outlier ejection, which keeps the two apart. */
    private void openBreakerOfA() {
        fail(lb, "a", 10, FailureKind.OTHER);
    }

    @Test
    void breakerShouldOpenOnFailureRateThenHalfOpenAfterTheWaitAndCloseAfterGoodTrialCalls() {
        fail(lb, "a", 9, FailureKind.OTHER);
        assertThat(breakerOf("a")).isEqualTo(BreakerState.CLOSED);
        fail(lb, "a", 1, FailureKind.OTHER);

        assertThat(breakerOf("a")).isEqualTo(BreakerState.OPEN);
        assertThat(lb.stats().instance("a").eligible()).isFalse();
        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(picks(lb, 50)).containsOnly("b");

        clock.advance(Duration.ofSeconds(29));
        lb.tick();
        assertThat(breakerOf("a")).isEqualTo(BreakerState.OPEN);
        clock.advance(Duration.ofSeconds(1));
        lb.tick();
        assertThat(breakerOf("a")).isEqualTo(BreakerState.HALF_OPEN);

        List<Pick> trials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trials.add(pickOf(lb, "a"));
        }
        assertThat(picks(lb, 20)).as("no trial call beyond the three permitted").containsOnly("b");
        trials.forEach(p -> p.success(Duration.ofMillis(5)));

        assertThat(breakerOf("a")).isEqualTo(BreakerState.CLOSED);
        assertThat(picks(lb, 20)).contains("a", "b");
        assertThat(Balancers.types(journal, "breaker")).containsExactly("open:a", "half_open:a", "closed:a");
        assertThat(Balancers.messages(journal)).contains(
                "Circuit breaker of a CLOSED -> OPEN: failure rate 100.0%, slow-call rate 0.0% over 10 calls");
    }

    @Test
    void breakerShouldOpenAgainWhenTrialCallsFail() {
        openBreakerOfA();
        clock.advance(Duration.ofSeconds(30));
        lb.tick();

        fail(lb, "a", 3, FailureKind.HTTP_5XX);

        assertThat(breakerOf("a")).isEqualTo(BreakerState.OPEN);
        assertThat(Balancers.types(journal, "breaker")).containsExactly("open:a", "half_open:a", "open:a");
    }

    @Test
    void slowCallsShouldOpenTheBreaker() {
        for (int i = 0; i < 10; i++) {
            pickOf(lb, "a").success(Duration.ofSeconds(3));
        }

        assertThat(breakerOf("a")).isEqualTo(BreakerState.OPEN);
        assertThat(Balancers.messages(journal)).anyMatch(m -> m.contains("slow-call rate 100.0% over 10 calls"));
    }

    @Test
    void clientErrorsShouldNotOpenTheBreaker() {
        fail(lb, "a", 20, FailureKind.HTTP_4XX);

        assertThat(breakerOf("a")).isEqualTo(BreakerState.CLOSED);
    }
}
