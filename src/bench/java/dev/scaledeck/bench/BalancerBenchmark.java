package dev.scaledeck.bench;

import dev.scaledeck.engine.balancer.BalancerConfig;
import dev.scaledeck.engine.balancer.LoadBalancer;
import dev.scaledeck.engine.balancer.Pick;
import dev.scaledeck.engine.balancer.Strategy;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EventJournal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pick throughput of {@link LoadBalancer#next()} for each strategy, with 1 and 2 threads and 3, 10
 * and 100 instances, against the picker a user would write instead: nginx's smooth weighted
 * round-robin loop behind {@code synchronized}, in the same run, rounds alternating so drift hits
 * both. Our pick also counts the request in flight and asks the instance's breaker for a permit;
 * the naive one does neither. The {@code cycle} lines add {@code success()} (stats, latency
 * histogram, breaker, outlier detection) to each of our picks, for scale. Targets: 2 threads
 * >= 3x the naive picker; 1 thread no slower than 1.2x its cost (ratio >= 0.83). Least
 * connections has to read every candidate's in-flight count, which the other thread keeps
 * writing, so it cannot scale like the round-robins. Picks are left uncompleted (in flight),
 * so least connections works on ever-growing counts here. With 2 threads on a busy machine the
 * threads take turns rather than contend; a comment line says when that happened.
 */
final class BalancerBenchmark {

    private static final Duration WARMUP = Duration.ofMillis(150);
    private static final Duration ROUND = Duration.ofMillis(120);
    private static final int ROUNDS = 5;
    private static final int BATCH = 64;
    private static final String REFERENCE = "naive.synchronized.swrr";

    private BalancerBenchmark() {
    }

    /** One operation; returns something derived from the pick so it cannot be optimised away. */
    interface Picker {
        int pick();
    }

    static void run() throws Exception {
        warmEveryPath();
        for (Strategy strategy : Strategy.values()) {
            for (int instances : new int[] {3, 10, 100}) {
                for (int threads : new int[] {1, 2}) {
                    compare("balancer.pick." + name(strategy) + "." + instances + "inst." + threads + "t",
                            strategy, instances, threads, false);
                }
            }
        }
        for (Strategy strategy : Strategy.values()) {
            compare("balancer.cycle." + name(strategy) + ".10inst.2t", strategy, 10, 2, true);
        }
    }

    /**
     * Runs every strategy and the completion path once before measuring, so the JIT compiles the
     * pick path for all of them up front (as in an application that switches strategy) instead
     * of deoptimising in the middle of a later measurement.
     */
    private static void warmEveryPath() throws InterruptedException {
        for (Strategy strategy : Strategy.values()) {
            for (int instances : new int[] {3, 100}) {
                try (LoadBalancer lb = balancer(strategy, specs(instances))) {
                    measure(() -> lb.next().instance().weight(), 1, WARMUP);
                    measure(() -> {
                        Pick p = lb.next();
                        p.success(Duration.ZERO);
                        return p.instance().weight();
                    }, 1, WARMUP);
                }
            }
        }
    }

    private static String name(Strategy s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void compare(String name, Strategy strategy, int instances, int threads, boolean complete)
            throws InterruptedException {
        // -Dbench.filter=least-connections.3inst measures only the figures whose name contains it.
        if (!name.contains(System.getProperty("bench.filter", ""))) {
            return;
        }
        List<InstanceSpec> specs = specs(instances);
        // A fresh balancer per figure: picks left uncompleted keep counting in flight.
        try (LoadBalancer lb = balancer(strategy, specs)) {
            Picker ours = complete ? () -> {
                Pick p = lb.next();
                p.success(Duration.ZERO);
                return p.instance().weight();
            } : () -> lb.next().instance().weight();
            NaiveSmoothPicker naive = new NaiveSmoothPicker(specs);
            Picker reference = () -> naive.next().weight();
            measure(ours, threads, WARMUP);
            measure(reference, threads, WARMUP);
            double[] a = new double[ROUNDS];
            double[] b = new double[ROUNDS];
            double leastCores = threads;
            for (int r = 0; r < ROUNDS; r++) {
                if (r % 2 == 0) {
                    a[r] = measure(ours, threads, ROUND);
                    leastCores = Math.min(leastCores, lastCoresUsed);
                    b[r] = measure(reference, threads, ROUND);
                } else {
                    b[r] = measure(reference, threads, ROUND);
                    leastCores = Math.min(leastCores, lastCoresUsed);
                    a[r] = measure(ours, threads, ROUND);
                }
                leastCores = Math.min(leastCores, lastCoresUsed);
            }
            Bench.line(name, Bench.median(a), "picks/s", REFERENCE, Bench.median(b));
            if (threads > 1 && leastCores < threads * 0.8) {
                // Other processes took the cores: the threads took turns instead of running together.
                System.out.printf(Locale.ROOT, "# %s: in some rounds the %d threads got only %.1f cores "
                        + "(machine busy?)%n", name, threads, leastCores);
            }
        }
    }

    private static List<InstanceSpec> specs(int n) {
        List<InstanceSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            specs.add(new InstanceSpec("i" + i, URI.create("http://127.0.0.1:" + (20000 + i)), i % 5 + 1));
        }
        return specs;
    }

    private static LoadBalancer balancer(Strategy strategy, List<InstanceSpec> specs) {
        BalancerConfig config = BalancerConfig.builder().strategy(strategy).slowStart(Duration.ZERO).build();
        LoadBalancer lb = new LoadBalancer(config, Clock.systemUTC(), new EventJournal(1000, null));
        specs.forEach(lb::add);
        return lb;
    }

    /** CPU time the threads of the last measurement got, in cores (1.0 = one core all the time). */
    private static volatile double lastCoresUsed;

    private static double measure(Picker picker, int threads, Duration duration) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        LongAdder ops = new LongAdder();
        LongAdder sink = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                long n = 0;
                long acc = 0;
                ready.countDown();
                long cpuStart = 0;
                try {
                    go.await();
                    cpuStart = mx.getCurrentThreadCpuTime();
                    while (!stop.get()) {
                        for (int i = 0; i < BATCH; i++) {
                            acc += picker.pick();
                        }
                        n += BATCH;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    cpuNanos.add(mx.getCurrentThreadCpuTime() - cpuStart);
                    ops.add(n);
                    sink.add(acc);
                    done.countDown();
                }
            }, "bench-balancer-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(duration.toMillis());
        stop.set(true);
        done.await();
        long wall = System.nanoTime() - start;
        double rate = ops.sum() * 1e9 / wall;
        lastCoresUsed = cpuNanos.sum() / (double) wall;
        if (sink.sum() == 42) {
            System.err.println("(unlikely sink value)");
        }
        return rate;
    }

    /** The reference: nginx's smooth weighted round-robin, one lock around the whole loop. */
    static final class NaiveSmoothPicker {
        private final InstanceSpec[] specs;
        private final int[] weights;
        private final int[] current;
        private final int total;

        NaiveSmoothPicker(List<InstanceSpec> list) {
            specs = list.toArray(new InstanceSpec[0]);
            weights = new int[specs.length];
            current = new int[specs.length];
            int sum = 0;
            for (int i = 0; i < specs.length; i++) {
                weights[i] = specs[i].weight();
                sum += weights[i];
            }
            total = sum;
        }

        synchronized InstanceSpec next() {
            int best = 0;
            for (int i = 0; i < specs.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            return specs[best];
        }
    }
}
