package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.fail;
import static dev.scaledeck.engine.balancer.Balancers.pickOf;
import static dev.scaledeck.engine.balancer.Balancers.picks;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutlierDetectionTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);

    /** Breakers out of the way (they would open after ten failures), slow start off. */
    private static BalancerConfig.Builder outlierOnly() {
        return Balancers.noSlowStart().breakerMinimumCalls(10_000);
    }

    @Test
    void shouldEjectAnInstanceAfterFiveConsecutiveFailures() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));

        fail(lb, "a", 4, FailureKind.HTTP_5XX);
        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.HEALTHY);
        fail(lb, "a", 1, FailureKind.CONNECT);

        InstanceStats a = lb.stats().instance("a");
        assertThat(a.state()).isEqualTo(InstanceHealth.EJECTED);
        assertThat(a.reason()).isEqualTo("5 consecutive failures (last CONNECT); ejected for 30s (ejection #1)");
        assertThat(a.since()).isEqualTo(clock.instant());
        assertThat(picks(lb, 300)).doesNotContain("a");
        assertThat(Balancers.types(journal, "instance")).containsSubsequence("ejected:a");
    }

    @Test
    void successShouldBreakTheRunOfFailures() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));

        fail(lb, "a", 4, FailureKind.TIMEOUT);
        pickOf(lb, "a").success(Duration.ofMillis(2));
        fail(lb, "a", 4, FailureKind.TIMEOUT);

        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.HEALTHY);
    }

    @Test
    void clientErrorsAndOtherFailuresShouldNotEject() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));

        fail(lb, "a", 10, FailureKind.HTTP_4XX);
        fail(lb, "a", 10, FailureKind.OTHER);

        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(lb.stats().instance("a").errors()).isEqualTo(10);
    }

    @Test
    void ejectionTimeShouldDoubleWithEachEjectionUpToTheMaximum() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));

        for (int seconds : new int[] {30, 60, 120, 240, 300, 300}) {
            fail(lb, "a", 5, FailureKind.HTTP_5XX);
            assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.EJECTED);

            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            lb.tick();
            assertThat(lb.stats().instance("a").state()).as("still out just before %ss", seconds)
                    .isEqualTo(InstanceHealth.EJECTED);

            clock.advance(Duration.ofMillis(1));
            lb.tick();
            assertThat(lb.stats().instance("a").state()).as("back after %ss", seconds)
                    .isEqualTo(InstanceHealth.HEALTHY);
        }
        assertThat(Balancers.messages(journal)).anyMatch(m -> m.contains("ejected for 4m (ejection #4)"))
                .anyMatch(m -> m.contains("ejected for 5m (ejection #6)"));
    }

    @Test
    void ejectedInstanceShouldReturnThroughSlowStart() {
        BalancerConfig config = outlierOnly().slowStart(Duration.ofSeconds(30)).build();
        LoadBalancer lb = balancer(config, clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));
        clock.advance(Duration.ofSeconds(30));
        lb.tick();
        fail(lb, "a", 5, FailureKind.HTTP_5XX);

        clock.advance(Duration.ofSeconds(30));
        lb.tick();

        InstanceStats a = lb.stats().instance("a");
        assertThat(a.state()).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(a.effectiveWeight()).isCloseTo(0.1, within(1e-9));
        assertThat(Balancers.counts(picks(lb, 2100))).containsEntry("a", 100L);
    }

    @Test
    void shouldNeverEjectMoreThanTheMaximumPercentAndSaySo() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));

        fail(lb, "a", 5, FailureKind.HTTP_5XX);
        fail(lb, "b", 5, FailureKind.HTTP_5XX);

        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.EJECTED);
        assertThat(lb.stats().instance("b").state()).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(Balancers.types(journal, "instance")).contains("ejection-skipped:b");
        assertThat(Balancers.messages(journal)).contains("Instance b failed 5 times in a row (last HTTP_5XX), "
                + "but ejection skipped: 1 of 3 already ejected (at most 50% may be)");
    }

    @Test
    void operatorEjectionsShouldCountTowardsTheMaximum() {
        LoadBalancer lb = balancer(outlierOnly().maxEjectedPercent(50).build(), clock, journal,
                spec("a", 1), spec("b", 1), spec("c", 1), spec("d", 1));
        lb.eject("d", "maintenance");

        fail(lb, "a", 5, FailureKind.HTTP_5XX);
        fail(lb, "b", 5, FailureKind.HTTP_5XX);

        assertThat(lb.stats().instances()).extracting(InstanceStats::state).containsExactly(
                InstanceHealth.EJECTED, InstanceHealth.HEALTHY, InstanceHealth.HEALTHY, InstanceHealth.EJECTED);
        assertThat(Balancers.messages(journal)).anyMatch(m -> m.contains("ejection skipped: 2 of 4 already ejected"));
    }

    @Test
    void operatorEjectionShouldLastUntilRestored() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1));
        lb.eject("a", "bad deploy");

        clock.advance(Duration.ofHours(1));
        lb.tick();
        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.EJECTED);
        assertThat(lb.stats().instance("a").reason()).isEqualTo("operator: bad deploy");

        lb.restore("a");
        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(lb.stats().instance("a").reason()).isEqualTo("restored by operator");
        assertThat(Balancers.types(journal, "instance")).containsSubsequence("ejected:a", "healthy:a");
    }

    @Test
    void operatorShouldHoldAnInstanceThatOutlierDetectionEjected() {
        LoadBalancer lb = balancer(outlierOnly().build(), clock, journal, spec("a", 1), spec("b", 1), spec("c", 1));
        fail(lb, "a", 5, FailureKind.HTTP_5XX);

        lb.eject("a", "investigating");
        clock.advance(Duration.ofMinutes(10));
        lb.tick();

        assertThat(lb.stats().instance("a").state()).isEqualTo(InstanceHealth.EJECTED);
    }
}
