package dev.scaledeck.engine.loadtest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load test from start to report. Its state moves once, from RUNNING to COMPLETED (the
 * duration ran out), STOPPED, ABORTED (a threshold was lost) or FAILED; every other transition is
 * refused. Every second a scheduler thread takes a snapshot (the timeline) and, with abort on
 * fail, judges the thresholds. At the end the driver stops offering load; after a completed run,
 * requests still out get up to their timeout (at most {@link #DRAIN}) to end and are counted;
 * after a stop or abort they are cancelled at once. Then the final snapshot, the thresholds and
 * the report, which goes to the {@link ReportSink} before {@link #report()} completes.
 * Thread-safe.
 */
final class RunningTest implements LoadTestRun {

    /** Longest wait for requests still out when the duration runs out. */
    static final Duration DRAIN = Duration.ofSeconds(5);
    /** A final snapshot shorter than this with nothing in it is left out of the timeline. */
    private static final long SHORTEST_FINAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Logger LOG = LoggerFactory.getLogger(RunningTest.class);

    private final String id;
    private final LoadTestPlan plan;
    private final Clock clock;
    private final RunSetup setup;
    private final Instant started;
    private final long startNanos;
    private final Measurements measurements;
    private final AtomicReference<RunState> state = new AtomicReference<>(RunState.RUNNING);
    private final CompletableFuture<LoadTestReport> report = new CompletableFuture<>();
    private final List<LoadTestSnapshot> timeline = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile LoadTestSnapshot latest;
    private volatile String problem;
    private volatile long loadEndNanos;

    /** The parts a run is made of, and the threads it runs on. */
    record RunSetup(TargetClient client, LoadDriver driver, ScheduledExecutorService scheduler, Executor finisher,
                    ReportSink sink) {
    }

    RunningTest(String id, LoadTestPlan plan, Clock clock, Measurements measurements, long startNanos, RunSetup setup) {
        this.id = id;
        this.plan = plan;
        this.clock = clock;
        this.setup = setup;
        this.measurements = measurements;
        this.startNanos = startNanos;
        this.started = clock.instant();
        this.latest = takeSnapshot(RunState.RUNNING);
    }

    /** Starts the load, the per-second snapshots and the end of the duration. */
    void begin() {
        synchronized (timers) {
            long second = TimeUnit.SECONDS.toNanos(1);
            timers.add(setup.scheduler().scheduleAtFixedRate(this::tick, startNanos + second - System.nanoTime(),
                    second, TimeUnit.NANOSECONDS));
            long untilEnd = startNanos + plan.duration().toNanos() - System.nanoTime();
            timers.add(setup.scheduler().schedule(() -> end(RunState.COMPLETED, null), untilEnd, TimeUnit.NANOSECONDS));
        }
        setup.driver().start();
    }

    private void tick() {
        try {
            synchronized (timeline) {
                if (state.get() != RunState.RUNNING) {
                    return;
                }
                LoadTestSnapshot s = takeSnapshot(RunState.RUNNING);
                timeline.add(s);
                latest = s;
            }
            if (plan.abortOnFail()) {
                ThresholdJudge.lost(plan.thresholds(), measurements.totals(loadSeconds(System.nanoTime())), elapsed())
                        .ifPresent(why -> end(RunState.ABORTED, why));
            }
        } catch (RuntimeException e) {
            LOG.error("Load test {}: taking the per-second snapshot failed; the run goes on", id, e);
        }
    }

    private LoadTestSnapshot takeSnapshot(RunState as) {
        LoadDriver driver = setup.driver();
        long poolWaits = setup.client() == null ? 0 : setup.client().poolWaits();
        Duration elapsed = elapsed();
        return measurements.snapshot(clock.instant(), elapsed, as, new Measurements.Gauges(
                driver == null ? 0 : driver.activeUsers(),
                driver == null ? 0 : driver.targetRate(elapsed.toNanos() / 1e9), poolWaits));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void stop() {
        end(RunState.STOPPED, null);
    }

    /** Ends the run as {@code how} unless it has ended already; the rest happens on a finisher thread. */
    void end(RunState how, String why) {
        long now = System.nanoTime();
        if (!state.compareAndSet(RunState.RUNNING, how)) {
            return;
        }
        // a run that ran its duration offered load for exactly that long, however late the timer fired
        loadEndNanos = how == RunState.COMPLETED ? Math.min(now, startNanos + plan.duration().toNanos()) : now;
        problem = why;
        if (why != null) {
            LOG.warn("Load test {} {}: {}", id, how.name().toLowerCase(Locale.ROOT), why);
        }
        try {
            setup.finisher().execute(this::finish);
        } catch (RejectedExecutionException e) {
            finish(); // the load tester is closing: finish here rather than lose the report
        }
    }

    private void finish() {
        try {
            synchronized (timers) {
                timers.forEach(t -> t.cancel(false));
            }
            RunState how = state.get();
            if (setup.driver() != null) {
                setup.driver().stop(how == RunState.COMPLETED);
            }
            if (how == RunState.COMPLETED) {
                drain();
            }
            measurements.close();
            closeClient();
            report.complete(saved(buildReport(how)));
        } catch (RuntimeException e) {
            LOG.error("Load test {}: building its report failed", id, e);
            report.completeExceptionally(e);
        }
    }

    private void drain() {
        long limit = Math.min(plan.request().timeout().toNanos(), DRAIN.toNanos());
        long deadline = System.nanoTime() + limit;
        while (measurements.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (measurements.inFlight() > 0) {
            LOG.warn("Load test {}: {} request(s) still out {} ms after the end; they are not counted", id,
                    measurements.inFlight(), limit / 1_000_000);
        }
    }

    private void closeClient() {
        if (setup.client() != null) {
            try {
                setup.client().close();
            } catch (RuntimeException e) {
                LOG.warn("Load test {}: closing its client failed", id, e);
            }
        }
    }

    private LoadTestReport buildReport(RunState how) {
        LoadTestSnapshot last;
        synchronized (timeline) {
            long sinceLast = elapsed().minus(latest.elapsed()).toNanos();
            last = takeSnapshot(how);
            if (last.requests() > latest.requests() || sinceLast >= SHORTEST_FINAL_NANOS) {
                timeline.add(last);
            }
            latest = last;
        }
        RunTotals totals = measurements.totals(loadSeconds(loadEndNanos));
        return new LoadTestReport(id, plan, started, clock.instant(), how, Optional.ofNullable(problem),
                totals.requests(), totals.requestsPerSecond(), totals.latency(), totals.errors(), totals.missedSends(),
                totals.checksPassed(), totals.checksFailed(), ThresholdJudge.judge(plan.thresholds(), totals),
                totals.perInstance(), List.copyOf(timeline), Optional.empty(), last.poolWaits());
    }

    private double loadSeconds(long untilNanos) {
        return Math.max(0, untilNanos - startNanos) / 1e9;
    }

    private LoadTestReport saved(LoadTestReport finished) {
        try {
            Optional<Path> where = setup.sink().write(finished);
            return finished.withDirectory(where == null ? Optional.empty() : where);
        } catch (RuntimeException e) {
            LOG.error("Load test {}: saving its report failed; it is only in memory", id, e);
            return finished;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LoadTestPlan plan() {
        return plan;
    }

    @Override
    public LoadTestSnapshot snapshot() {
        return latest;
    }

    @Override
    public CompletableFuture<LoadTestReport> report() {
        return report;
    }

    /** Whether the run has ended (its report may still be on its way). */
    boolean ended() {
        return state.get() != RunState.RUNNING;
    }
}
