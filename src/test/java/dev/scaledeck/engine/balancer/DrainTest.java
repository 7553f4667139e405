package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.pickOf;
import static dev.scaledeck.engine.balancer.Balancers.picks;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrainTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);
    private final LoadBalancer lb = balancer(Balancers.noSlowStart().build(), clock, journal, spec("a", 1), spec("b", 1));

    @Test
    void drainShouldCompleteOnlyWhenTheLastInFlightRequestEnds() {
        Pick first = pickOf(lb, "a");
        Pick second = pickOf(lb, "a");

        CompletableFuture<Void> drained = lb.drain("a");

        assertThat(drained).isNotDone();
        assertThat(picks(lb, 20)).containsOnly("b");
        first.success(Duration.ofMillis(4));
        assertThat(drained).isNotDone();
        second.failure(FailureKind.TIMEOUT, Duration.ofSeconds(1));
        assertThat(drained).isCompleted();
        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.DRAINING);
        assertThat(lb.stats().instance("a").requests()).isEqualTo(2);
    }

    @Test
    void drainingAnIdleInstanceShouldCompleteAtOnce() {
        assertThat(lb.drain("a")).isCompleted();
        assertThat(lb.drain("a")).as("a second drain").isCompleted();
    }

    @Test
    void removeShouldDrainThenRemoveTheInstance() {
        Pick inFlight = pickOf(lb, "a");

        CompletableFuture<Void> removed = lb.remove("a");
        assertThat(removed).isNotDone();
        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.DRAINING);

        inFlight.success(Duration.ofMillis(2));

        assertThat(removed).isCompleted();
        assertThat(lb.instances()).extracting(s -> s.id()).containsExactly("b");
        assertThat(lb.stats().instance("a")).isNull();
        assertThat(Balancers.types(journal, "instance")).containsSubsequence("draining:a", "removed:a");
    }

    @Test
    void ejectingADrainingInstanceShouldBeRefusedNamingTheLegalMoves() {
        lb.drain("a");

        assertThatThrownBy(() -> lb.eject("a", "test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Instance a is DRAINING (drain requested); it cannot become EJECTED "
                        + "(from DRAINING it may become [REMOVED])");
    }

    @Test
    void restoringAnInstanceThatIsNotEjectedShouldBeRefused() {
        assertThatThrownBy(() -> lb.restore("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Instance a is HEALTHY (added); only an EJECTED instance can be restored");
    }

    @Test
    void closingShouldFailPendingDrains() {
        pickOf(lb, "a");
        CompletableFuture<Void> drained = lb.drain("a");

        lb.close();

        assertThat(drained).isCompletedExceptionally();
    }
}
