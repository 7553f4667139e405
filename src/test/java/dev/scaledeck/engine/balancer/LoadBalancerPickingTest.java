package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.counts;
import static dev.scaledeck.engine.balancer.Balancers.noSlowStart;
import static dev.scaledeck.engine.balancer.Balancers.picks;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadBalancerPickingTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);

    @Test
    void smoothWeightedRoundRobinShouldInterleaveWeightsFiveOneOneAsNginxDoes() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 5), spec("b", 1), spec("c", 1));

        assertThat(picks(lb, 14)).containsExactly("a", "a", "b", "a", "c", "a", "a", "a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void smoothSequenceShouldHoldWhileEveryInstanceIsInTheSameSlowStart() {
        LoadBalancer lb = balancer(BalancerConfig.defaults(), clock, journal, spec("a", 5), spec("b", 1), spec("c", 1));

        assertThat(picks(lb, 7)).containsExactly("a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void smoothWeightedRoundRobinShouldSpreadOneHundredThousandPicksByWeightWithinOnePercent() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 5), spec("b", 3), spec("c", 2));

        Map<String, Long> counts = counts(picks(lb, 100_000));

        assertThat(counts.get("a") / 100_000.0).isCloseTo(0.5, within(0.01));
        assertThat(counts.get("b") / 100_000.0).isCloseTo(0.3, within(0.01));
        assertThat(counts.get("c") / 100_000.0).isCloseTo(0.2, within(0.01));
    }

    @Test
    void leastConnectionsShouldSpreadAnIdleFleetByWeightWithinOnePercent() {
        LoadBalancer lb = balancer(noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build(), clock, journal,
                spec("a", 5), spec("b", 3), spec("c", 2));

        Map<String, Long> counts = counts(picks(lb, 100_000));

        assertThat(counts.get("a") / 100_000.0).isCloseTo(0.5, within(0.01));
        assertThat(counts.get("b") / 100_000.0).isCloseTo(0.3, within(0.01));
        assertThat(counts.get("c") / 100_000.0).isCloseTo(0.2, within(0.01));
    }

    @Test
    void leastConnectionsShouldPreferTheIdleInstance() {
        LoadBalancer lb = balancer(noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build(), clock, journal,
                spec("a", 1), spec("b", 1), spec("c", 1));
        List<Pick> busy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            busy.add(lb.next()); // two each: every pick goes to one of the least loaded
        }
        assertThat(counts(busy.stream().map(p -> p.instance().id()).toList())).containsOnly(
                Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 2L));
        busy.stream().filter(p -> p.instance().id().equals("c")).forEach(p -> p.success(Duration.ofMillis(3)));

        assertThat(picks(lb, 100)).containsOnly("c");
    }

    @Test
    void shortRequestsShouldGoRoundRobinOverEquallyBusyInstances() {
        LoadBalancer lb = balancer(noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build(), clock, journal,
                spec("a", 1), spec("b", 1), spec("c", 1));
        List<Pick> longRunning = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            longRunning.add(lb.next()); // two each, held
        }

        // Each short request ends before the next: every pick sees 2, 2, 2 and must not always take the same one.
        assertThat(counts(picks(lb, 30))).containsOnly(Map.entry("a", 10L), Map.entry("b", 10L), Map.entry("c", 10L));
    }

    @Test
    void leastConnectionsShouldWeighInFlightRequestsByWeight() {
        LoadBalancer lb = balancer(noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build(), clock, journal,
                spec("big", 3), spec("small", 1));
        Pick onSmall = Balancers.pickOf(lb, "small");
        List<Pick> held = new ArrayList<>();
        held.add(onSmall);
        // small has 1 of weight 1; big takes the next two (0/3 and 1/3 and 2/3 are all below 1/1).
        for (int i = 0; i < 3; i++) {
            Pick p = lb.next();
            assertThat(p.instance().id()).isEqualTo("big");
            held.add(p);
        }
        assertThat(lb.stats().instance("big").inFlight()).isEqualTo(3);
    }

    @Test
    void leastConnectionsShouldUseTwoRandomChoicesOnLargeFleetsAndStillAvoidTheBusyOnes() {
        BalancerConfig config = noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build();
        LoadBalancer lb = new LoadBalancer(config, clock, journal);
        for (int i = 0; i < 40; i++) {
            lb.add(spec("i" + i, 1));
        }
        List<Pick> held = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            held.add(lb.next());
        }
        // Two choices keep the spread tight: no instance gets far above the mean of 10.
        assertThat(lb.stats().instances()).allSatisfy(s -> assertThat(s.inFlight()).isBetween(3L, 20L));
    }

    @Test
    void leastConnectionsShouldSeeOtherThreadsPicksAndCompletions() throws Exception {
        LoadBalancer lb = balancer(noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build(), clock, journal,
                spec("a", 1), spec("b", 1), spec("c", 1));
        List<Pick> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(lb.next()); // this thread's view: two each
        }
        // Another thread loads a and b further, then frees everything on c.
        Thread other = new Thread(() -> {
            held.add(Balancers.pickOf(lb, "a"));
            held.add(Balancers.pickOf(lb, "b"));
            held.stream().filter(p -> p.instance().id().equals("c")).forEach(p -> p.success(Duration.ofMillis(1)));
        });
        other.start();
        other.join();

        assertThat(picks(lb, 6)).containsOnly("c"); // c: 0..5 in flight, a and b: 3 each
    }

    @Test
    void leastConnectionsShouldStayBalancedWithMorePickingThreadsThanViewSlots() throws Exception {
        LoadBalancer lb = new LoadBalancer(noSlowStart().strategy(Strategy.LEAST_CONNECTIONS).build(), clock, journal);
        for (int i = 0; i < 4; i++) {
            lb.add(spec("i" + i, 1));
        }
        List<Thread> threads = new ArrayList<>();
        List<Pick> held = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 20; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    held.add(lb.next());
                }
            });
            threads.add(thread);
            thread.start();
            thread.join(); // one after another: each sees the others' picks on its first read
        }

        // 400 held over 4 instances: every thread's first pick re-reads the counts, so the
        // spread stays within one thread's batch of the mean of 100.
        assertThat(lb.stats().instances()).allSatisfy(s -> assertThat(s.inFlight()).isBetween(80L, 120L));
    }

    @Test
    void roundRobinShouldIgnoreWeights() {
        LoadBalancer lb = balancer(noSlowStart().strategy(Strategy.ROUND_ROBIN).build(), clock, journal,
                spec("a", 5), spec("b", 1), spec("c", 1));

        assertThat(picks(lb, 6)).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void strategyShouldChangeAtRuntimeAndBeJournalled() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 5), spec("b", 1));

        lb.setStrategy(Strategy.ROUND_ROBIN);

        assertThat(counts(picks(lb, 10))).containsEntry("a", 5L).containsEntry("b", 5L);
        assertThat(lb.stats().strategy()).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(Balancers.types(journal, "balancer")).containsExactly("strategy:balancer");
    }

    @Test
    void addingAnInstanceTwiceShouldBeRefusedWithItsState() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 1));

        assertThatThrownBy(() -> lb.add(spec("a", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Instance a is already in the balancer (HEALTHY); remove it first");
    }

    @Test
    void unknownInstanceShouldBeNamedWithTheKnownOnes() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 1), spec("b", 1));

        assertThatThrownBy(() -> lb.eject("zz", "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No instance 'zz' in the balancer; it has a, b");
    }

    @Test
    void completingAPickTwiceShouldBeRefused() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 1));
        Pick p = lb.next();
        p.success(Duration.ofMillis(1));

        assertThatThrownBy(() -> p.failure(FailureKind.TIMEOUT, Duration.ofMillis(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The pick of instance a was already completed");
        assertThat(lb.stats().instance("a").inFlight()).isZero();
        assertThat(lb.stats().instance("a").requests()).isEqualTo(1);
    }

    @Test
    void closedBalancerShouldRefuseToPick() {
        LoadBalancer lb = balancer(noSlowStart().build(), clock, journal, spec("a", 1));
        lb.close();
        lb.close();

        assertThatThrownBy(lb::next).isInstanceOf(IllegalStateException.class).hasMessage("The load balancer is closed");
    }
}
