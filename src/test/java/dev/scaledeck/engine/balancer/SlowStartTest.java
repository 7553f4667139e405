package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.scaledeck.engine.balancer.Balancers.counts;
import static dev.scaledeck.engine.balancer.Balancers.picks;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SlowStartTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);

    @Test
    void newInstanceShouldRampFromItsStartingFractionToFullWeightOverTheWindow() {
        LoadBalancer lb = new LoadBalancer(BalancerConfig.defaults(), clock, journal);
        lb.add(spec("a", 1));
        clock.advance(Duration.ofSeconds(30));
        lb.tick();

        lb.add(spec("b", 1));
        assertThat(lb.stats().instance("a").effectiveWeight()).isEqualTo(1.0);
        assertThat(lb.stats().instance("b").effectiveWeight()).isCloseTo(0.1, within(1e-9));
        assertThat(counts(picks(lb, 1100))).containsEntry("a", 1000L).containsEntry("b", 100L);

        clock.advance(Duration.ofSeconds(15));
        lb.tick();
        assertThat(lb.stats().instance("b").effectiveWeight()).isCloseTo(0.55, within(1e-9));
        assertThat(counts(picks(lb, 3100))).containsEntry("a", 2000L).containsEntry("b", 1100L);

        clock.advance(Duration.ofSeconds(15));
        lb.tick();
        assertThat(lb.stats().instance("b").effectiveWeight()).isEqualTo(1.0);
        assertThat(counts(picks(lb, 1000))).containsEntry("a", 500L).containsEntry("b", 500L);
    }

    @Test
    void rampShouldBeLinearAndNeverShrinkWhenTheClockStepsBack() {
        SlowStart ramp = new SlowStart(Duration.ofSeconds(30), 0.1);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(ramp.fraction(start, start)).isCloseTo(0.1, within(1e-9));
        assertThat(ramp.fraction(start, start.plusSeconds(10))).isCloseTo(0.4, within(1e-9));
        assertThat(ramp.fraction(start, start.plusSeconds(30))).isEqualTo(1.0);
        assertThat(ramp.fraction(start, start.minusSeconds(5))).isCloseTo(0.1, within(1e-9));
        assertThat(ramp.fraction(null, start)).isEqualTo(1.0);
        assertThat(new SlowStart(Duration.ZERO, 0.1).fraction(start, start)).isEqualTo(1.0);
    }

    @Test
    void instanceRecoveringFromFailedProbesShouldAlsoRampUp() {
        LoadBalancer lb = new LoadBalancer(BalancerConfig.defaults(), clock, journal);
        lb.add(spec("a", 1));
        lb.add(spec("b", 1));
        clock.advance(Duration.ofMinutes(1));
        lb.tick();

        lb.probeVerdict("b", false, "3 consecutive failed health probes (last: connection refused)");
        clock.advance(Duration.ofSeconds(10));
        lb.probeVerdict("b", true, "2 consecutive successful health probes");

        assertThat(lb.stats().instance("b").state()).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(lb.stats().instance("b").effectiveWeight()).isCloseTo(0.1, within(1e-9));
    }
}
