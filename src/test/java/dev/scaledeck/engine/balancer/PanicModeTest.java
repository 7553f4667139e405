package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.fail;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PanicModeTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);

    /** a ejected by the operator, b failing its probes, c behind an open breaker, d draining. */
    private LoadBalancer everyInstanceOut(PanicMode mode) {
        LoadBalancer lb = balancer(Balancers.noSlowStart().panicMode(mode).build(), clock, journal,
                spec("a", 1), spec("b", 1), spec("c", 1), spec("d", 1));
        fail(lb, "c", 10, FailureKind.OTHER);
        lb.drain("d");
        lb.eject("a", "maintenance");
        lb.probeVerdict("b", false, "3 consecutive failed health probes (last: connection refused)");
        return lb;
    }

    @Test
    void failFastShouldNameEachInstanceAndWhyItIsOut() {
        LoadBalancer lb = everyInstanceOut(PanicMode.FAIL_FAST);

        assertThatThrownBy(lb::next)
                .isInstanceOf(NoHealthyInstanceException.class)
                .hasMessage("No instance can take the request (panic mode FAIL_FAST): "
                        + "a is EJECTED (operator: maintenance); "
                        + "b is UNHEALTHY (3 consecutive failed health probes (last: connection refused)); "
                        + "c is HEALTHY but its circuit breaker is OPEN; "
                        + "d is DRAINING (drain requested)");
        assertThat(lb.stats().panic()).isTrue();
        assertThat(lb.stats().eligible()).isZero();
    }

    @Test
    void enteringAndLeavingPanicShouldBeEvents() {
        LoadBalancer lb = everyInstanceOut(PanicMode.FAIL_FAST);

        lb.restore("a");

        assertThat(lb.next().instance().id()).isEqualTo("a");
        assertThat(lb.stats().panic()).isFalse();
        assertThat(Balancers.types(journal, "balancer")).containsExactly("panic-entered:balancer", "panic-left:balancer");
        assertThat(Balancers.messages(journal)).contains("Panic over: eligible again: a");
    }

    @Test
    void spreadShouldUseEveryInstanceThatIsNotDraining() {
        LoadBalancer lb = everyInstanceOut(PanicMode.SPREAD);

        List<Pick> picks = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            picks.add(lb.next());
        }

        assertThat(picks).extracting(p -> p.instance().id()).contains("a", "b", "c").doesNotContain("d");
        assertThat(picks).allMatch(Pick::panic);
        picks.forEach(p -> p.success(Duration.ofMillis(1)));
        assertThat(lb.stats().panic()).isTrue();
        assertThat(lb.stats().inFlight()).isZero();
        assertThat(Balancers.messages(journal)).anyMatch(m -> m.startsWith(
                "No instance is eligible; spreading requests over 3 instances that are not draining."));
    }

    @Test
    void emptyBalancerShouldSayItHasNoInstances() {
        LoadBalancer lb = new LoadBalancer(BalancerConfig.defaults(), clock, journal);

        assertThatThrownBy(lb::next).isInstanceOf(NoHealthyInstanceException.class)
                .hasMessage("No instance can take the request: the balancer has no instances");
        assertThat(lb.stats().panic()).isFalse();
    }
}
