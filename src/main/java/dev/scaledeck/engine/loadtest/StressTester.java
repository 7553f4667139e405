package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.util.Numbers;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The seed's StressTester: runs a {@link StressPlan}'s steps one after another as load tests and
 * stops at the first step that breaks the system (errors, p99, or throughput that no longer
 * rises), reporting the highest load that held. Each step is an ordinary load test with its own
 * report. Thread-safe; each stress test runs on a thread of its own.
 */
public final class StressTester {

    private static final Logger LOG = LoggerFactory.getLogger(StressTester.class);

    private final Function<LoadTestPlan, LoadTestRun> loadTests;
    private final Clock clock;
    private final NamedThreads threads = new NamedThreads("scaledeck-stress");

    /** @param loadTests starts one load test (the engine's load tester) */
    public StressTester(Function<LoadTestPlan, LoadTestRun> loadTests, Clock clock) {
        this.loadTests = loadTests;
        this.clock = clock;
    }

    /** {@link StressPlan#basic}: 10 to 100 users in steps of 10, 10 s each. */
    public StressRun runBasicStressTest(URI url) {
        return start(StressPlan.basic(new LoadTarget.Url(url)));
    }

    /** Starts the steps on a thread of their own. */
    public StressRun start(StressPlan plan) {
        Run run = new Run(plan);
        threads.newThread(run::execute).start();
        return run;
    }

    /** A stress test under way. */
    public interface StressRun {

        StressPlan plan();

        /** The running step's live snapshot, if a step runs. */
        Optional<LoadTestSnapshot> snapshot();

        /** The steps finished so far. */
        List<StressReport.Step> steps();

        /** Stops the running step and ends the stress test (report marked stopped). Idempotent. */
        void stop();

        CompletableFuture<StressReport> report();
    }

    private final class Run implements StressRun {

        private final StressPlan plan;
        private final Instant started = clock.instant();
        private final List<StressReport.Step> steps = new ArrayList<>();
        private final AtomicReference<LoadTestRun> current = new AtomicReference<>();
        private final CompletableFuture<StressReport> report = new CompletableFuture<>();
        private volatile boolean stopped;

        Run(StressPlan plan) {
            this.plan = plan;
        }

        void execute() {
            try {
                report.complete(runSteps());
            } catch (RuntimeException | Error e) {
                LOG.warn("Stress test {} failed", plan.name(), e);
                report.complete(new StressReport(plan, started, clock.instant(), RunState.FAILED, steps(),
                        Optional.empty(), Optional.empty(), Optional.of(String.valueOf(e.getMessage()))));
            }
        }

        private StressReport runSteps() {
            StressReport.Step best = null;
            for (int i = 0; i < plan.maxSteps() && !stopped; i++) {
                LoadTestRun run = loadTests.apply(plan.stepPlan(i));
                current.set(run);
                if (stopped) {
                    run.stop();
                }
                LoadTestReport r = run.report().join();
                current.set(null);
                if (r.state() == RunState.STOPPED || stopped) {
                    return result(RunState.STOPPED, best, null, null);
                }
                if (r.state() == RunState.FAILED) {
                    return result(RunState.FAILED, best, null, r.problem().orElse("step " + (i + 1) + " failed"));
                }
                String broken = broken(r, best);
                StressReport.Step step = new StressReport.Step(plan.load(i), r.requestsPerSecond(), r.latency().p99(),
                        errorRate(r), broken == null, r);
                synchronized (steps) {
                    steps.add(step);
                }
                if (broken != null) {
                    return result(RunState.COMPLETED, best, step, broken);
                }
                best = step;
            }
            return result(stopped ? RunState.STOPPED : RunState.COMPLETED, best, null, null);
        }

        /** Why this step broke the system, or null when it held. */
        private String broken(LoadTestReport r, StressReport.Step best) {
            double errors = errorRate(r);
            if (errors > plan.maxErrorRatePercent()) {
                return String.format(Locale.ROOT, "error rate %.1f %% > %s %%", errors,
                        Numbers.plain(plan.maxErrorRatePercent()));
            }
            double limit = plan.p99Limit().toMillis();
            if (r.latency().p99() > limit) {
                return String.format(Locale.ROOT, "p99 %.0f ms > %.0f ms", r.latency().p99(), limit);
            }
            if (best != null && r.requestsPerSecond() < best.requestsPerSecond() * (1 + plan.minGainPercent() / 100)) {
                return String.format(Locale.ROOT, "throughput no longer rising (%.0f -> %.0f requests/s, less than +%s %%)",
                        best.requestsPerSecond(), r.requestsPerSecond(), Numbers.plain(plan.minGainPercent()));
            }
            return null;
        }

        private StressReport result(RunState state, StressReport.Step held, StressReport.Step broke, String why) {
            return new StressReport(plan, started, clock.instant(), state, steps(), Optional.ofNullable(held),
                    Optional.ofNullable(broke), Optional.ofNullable(why));
        }

        @Override
        public StressPlan plan() {
            return plan;
        }

        @Override
        public Optional<LoadTestSnapshot> snapshot() {
            return Optional.ofNullable(current.get()).map(LoadTestRun::snapshot);
        }

        @Override
        public List<StressReport.Step> steps() {
            synchronized (steps) {
                return List.copyOf(steps);
            }
        }

        @Override
        public void stop() {
            stopped = true;
            LoadTestRun run = current.get();
            if (run != null) {
                run.stop();
            }
        }

        @Override
        public CompletableFuture<StressReport> report() {
            return report;
        }
    }

    private static double errorRate(LoadTestReport r) {
        return r.requests() == 0 ? 0 : 100.0 * r.errorCount() / r.requests();
    }
}
