package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancerConcurrencyTest {

    private static final int PICKERS = 4;

    /**
     * Each out-of-rotation instance has a stamp: odd while it is out (set after eject/drain
     * returned, cleared before restore starts). A picker that saw an odd stamp before calling
     * next() and the same stamp after must not have been handed that instance: the change had
     * completed before its pick began.
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void noPickShouldEverReturnAnEjectedOrDrainingInstanceWhileOthersChangeState(Strategy strategy) throws Exception {
        EventJournal journal = new EventJournal(10_000, null);
        LoadBalancer lb = balancer(BalancerConfig.builder().strategy(strategy).slowStart(Duration.ZERO).build(),
                new MutableClock(), journal, spec("a", 3), spec("b", 2), spec("c", 1), spec("d", 1));
        Map<String, AtomicLong> stamps = Map.of("b", new AtomicLong(), "c", new AtomicLong(), "d", new AtomicLong());
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        LongAdder picks = new LongAdder();
        CountDownLatch started = new CountDownLatch(PICKERS);
        Thread[] pickers = new Thread[PICKERS];
        for (int t = 0; t < PICKERS; t++) {
            pickers[t] = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    long b = stamps.get("b").get();
                    long c = stamps.get("c").get();
                    long d = stamps.get("d").get();
                    Pick p = lb.next();
                    String id = p.instance().id();
                    long before = id.equals("b") ? b : id.equals("c") ? c : id.equals("d") ? d : 0;
                    if (before % 2 == 1 && stamps.get(id).get() == before) {
                        violations.add(id + " picked while out (stamp " + before + ")");
                    }
                    p.success(Duration.ofMillis(1));
                    picks.increment();
                }
            }, "picker-" + t);
            pickers[t].start();
        }
        started.await();

        CompletableFuture<Void> removed = null;
        for (int round = 0; round < 400; round++) {
            String id = round % 2 == 0 ? "b" : "c";
            lb.eject(id, "test round " + round);
            stamps.get(id).incrementAndGet();
            if (round == 200) {
                removed = lb.remove("d");
                stamps.get("d").incrementAndGet();
            }
            Thread.yield();
            stamps.get(id).incrementAndGet();
            lb.restore(id);
        }
        removed.get(10, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : pickers) {
            t.join(10_000);
        }

        assertThat(violations).isEmpty();
        assertThat(picks.sum()).isPositive();
        assertThat(lb.instances()).extracting(s -> s.id()).containsExactly("a", "b", "c");
        BalancerStats stats = lb.stats();
        assertThat(stats.inFlight()).isZero();
        assertThat(stats.instances()).extracting(InstanceStats::state).containsOnly(InstanceHealth.HEALTHY);
        List<String> types = Balancers.types(journal, "instance");
        assertThat(types).contains("draining:d", "removed:d");
    }
}
