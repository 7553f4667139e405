package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BalancerStatsTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);
    private final LoadBalancer lb = balancer(Balancers.noSlowStart().build(), clock, journal, spec("a", 3), spec("b", 1));

    private void serve(int n) {
        serve(n, 10);
    }

    private void serve(int n, int latencyOfAMs) {
        for (int i = 0; i < n; i++) {
            Pick p = lb.next();
            p.success(Duration.ofMillis(p.instance().id().equals("a") ? latencyOfAMs : 40));
        }
    }

    @Test
    void shouldShowLatencyPercentilesAndTrafficShareOverTheWindow() {
        serve(400);

        BalancerStats stats = lb.stats();
        InstanceStats a = stats.instance("a");
        InstanceStats b = stats.instance("b");
        assertThat(stats.time()).isEqualTo(clock.instant());
        assertThat(stats.strategy()).isEqualTo(Strategy.SMOOTH_WEIGHTED_ROUND_ROBIN);
        assertThat(stats.requests()).isEqualTo(400);
        assertThat(stats.eligible()).isEqualTo(2);
        assertThat(a.url()).isEqualTo(URI.create("http://127.0.0.1:1/a"));
        assertThat(a.weight()).isEqualTo(3);
        assertThat(a.effectiveWeight()).isEqualTo(3.0);
        assertThat(a.requests()).isEqualTo(300);
        assertThat(a.latencyP50Ms()).isCloseTo(10, within(0.2));
        assertThat(a.latencyP99Ms()).isCloseTo(10, within(0.2));
        assertThat(b.latencyP50Ms()).isCloseTo(40, within(0.8));
        assertThat(a.trafficShare()).isCloseTo(0.75, within(1e-9));
        assertThat(b.trafficShare()).isCloseTo(0.25, within(1e-9));
        assertThat(a.breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void windowedFiguresShouldEmptyOnceTheWindowHasPassedWhileTotalsRemain() {
        serve(40, 100);
        lb.tick();
        clock.advance(Duration.ofSeconds(30));
        serve(4, 10);
        clock.advance(Duration.ofSeconds(40));

        InstanceStats a = lb.stats().instance("a");
        assertThat(a.requests()).isEqualTo(33);
        assertThat(a.latencyP99Ms()).as("only the last four requests are in the window").isCloseTo(10, within(0.2));
        assertThat(a.trafficShare()).isCloseTo(0.75, within(1e-9));

        clock.advance(Duration.ofSeconds(60));
        a = lb.stats().instance("a");
        assertThat(a.latencyP50Ms()).isEqualTo(-1);
        assertThat(a.trafficShare()).isZero();
        assertThat(a.requests()).isEqualTo(33);
    }

    @Test
    void errorsShouldCountOnlyTheInstancesFaults() {
        Balancers.fail(lb, "a", 2, FailureKind.HTTP_4XX);
        Balancers.fail(lb, "a", 3, FailureKind.HTTP_5XX);

        assertThat(lb.stats().instance("a").errors()).isEqualTo(3);
        assertThat(lb.stats().errors()).isEqualTo(3);
    }

    @Test
    void statsShouldBeAnImmutablePointInTimeView() {
        BalancerStats before = lb.stats();
        serve(10);

        assertThat(before.requests()).isZero();
        assertThatThrownBy(() -> before.instances().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(lb.stats().requests()).isEqualTo(10);
    }
}
