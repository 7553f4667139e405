package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.balancer.BalancedHttpClient;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The load generator: starts load tests against a URL, the cluster (through the engine's load
 * balancer) or a SQL statement (through the engine's connection pool), with closed (virtual
 * users) or open (arrival rate) workloads. Several runs may go on at once; each has its own
 * target client (for a URL, an Apache HttpClient 5 async client with a connection pool sized to
 * the run's users or connections) and shares this tester's threads: a scheduler for snapshots,
 * ramp-up and think times, a hand-off pool for the users' next sends, and worker threads for the
 * open model's pacers and for finishing runs.
 * <p>
 * Time: snapshots and reports carry instants from the given clock; latencies, pacing and the
 * per-second snapshots use {@link System#nanoTime()}, which is what a measurement needs.
 * A run's requests/s is its requests over the seconds load was offered (the duration, or until
 * it was stopped or aborted). A target that cannot be set up (no pool, no balancer) gives a FAILED
 * run whose report says why; an unreachable target is not a failure of the run: it completes with
 * its CONNECT errors counted. Thread-safe.
 */
public final class LoadTester implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadTester.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Supplier<ConnectionPool> pool;
    private final BalancedHttpClient cluster;
    private final Clock clock;
    private final ReportSink reports;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService handoff;
    private final ExecutorService workers;
    private final Set<RunningTest> running = ConcurrentHashMap.newKeySet();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param pool    the engine's connection pool, asked for when a SQL run starts (may supply null: no pool)
     * @param cluster sends requests through the engine's load balancer; null when there is none
     * @param clock   for the instants in snapshots and reports
     * @param reports where finished reports go
     */
    public LoadTester(Supplier<ConnectionPool> pool, BalancedHttpClient cluster, Clock clock, ReportSink reports) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.cluster = cluster;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.scheduler = new ScheduledThreadPoolExecutor(2, new NamedThreads("scaledeck-loadtest-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.handoff = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new NamedThreads("scaledeck-loadtest-send"));
        this.workers = Executors.newCachedThreadPool(new NamedThreads("scaledeck-loadtest-worker"));
    }

    /**
     * Starts a load test and returns at once.
     *
     * @throws IllegalStateException when this tester is closed
     */
    public LoadTestRun start(LoadTestPlan plan) {
        Objects.requireNonNull(plan, "plan");
        if (closed) {
            throw new IllegalStateException("The load tester is closed; no new load test can start");
        }
        String id = newId(plan.name());
        boolean hasAnswers = !(plan.target() instanceof LoadTarget.Sql);
        TargetClient client;
        try {
            client = openClient(plan, id);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            RunningTest failed = new RunningTest(id, plan, clock, new Measurements(List.of(), now), now,
                    new RunningTest.RunSetup(null, null, scheduler, workers, reports));
            failed.end(RunState.FAILED, "Cannot set up the target (" + plan.target().describe() + "): " + e.getMessage());
            return failed;
        }
        long startNanos = System.nanoTime();
        Measurements measurements = new Measurements(hasAnswers ? plan.checks() : List.of(), startNanos);
        LoadDriver driver = driver(plan, client, measurements, startNanos);
        RunningTest run = new RunningTest(id, plan, clock, measurements, startNanos,
                new RunningTest.RunSetup(client, driver, scheduler, workers, reports));
        running.add(run);
        run.report().whenComplete((report, error) -> running.remove(run));
        LOG.info("Load test {} started: {} against {} for {}", id, plan.workload().describe(), plan.target().describe(),
                Durations.human(plan.duration()));
        run.begin();
        return run;
    }

    private TargetClient openClient(LoadTestPlan plan, String id) {
        int concurrency = concurrency(plan.workload());
        if (plan.target() instanceof LoadTarget.Url url) {
            boolean keepBody = plan.checks().stream().anyMatch(c -> c instanceof Check.BodyContains);
            return new UrlClient(url.url(), plan.request(), concurrency, keepBody);
        }
        if (plan.target() instanceof LoadTarget.Cluster c) {
            if (cluster == null) {
                throw new IllegalStateException("the cluster target needs the engine's load balancer, and there is none");
            }
            return new ClusterClient(cluster, c.pathAndQuery(), plan.request());
        }
        LoadTarget.Sql sql = (LoadTarget.Sql) plan.target();
        ConnectionPool p = pool.get();
        if (p == null) {
            throw new IllegalStateException("the SQL target needs the engine's connection pool, and there is none");
        }
        if (p.isClosing()) {
            throw new IllegalStateException("the connection pool " + p.maskedUrl() + " is closed");
        }
        return new SqlClient(p, sql.statement(), plan.request().timeout(), concurrency, id);
    }

    private LoadDriver driver(LoadTestPlan plan, TargetClient client, Measurements measurements, long startNanos) {
        if (plan.workload() instanceof Workload.Closed closedModel) {
            return new ClosedDriver(closedModel, client, measurements, scheduler, handoff);
        }
        ArrivalSchedule schedule = ArrivalSchedule.of(plan.workload(), plan.duration().toNanos() / 1e9);
        return new OpenDriver(schedule, concurrency(plan.workload()), client, measurements, workers, startNanos);
    }

    private static int concurrency(Workload workload) {
        if (workload instanceof Workload.Closed c) {
            return c.users();
        }
        if (workload instanceof Workload.ConstantRate c) {
            return c.maxConnections();
        }
        return ((Workload.RampingRate) workload).maxConnections();
    }

    /** {@code 20261126-140500-cluster-50-users}; a second run of the same name in the same second gets {@code -2}. */
    private String newId(String name) {
        String slug = name.trim().replaceAll("[^A-Za-z0-9._-]+", "-");
        String base = ID_TIME.format(clock.instant().atZone(clock.getZone())) + (slug.isEmpty() ? "" : "-" + slug);
        String id = base;
        for (int n = 2; !ids.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Runs still going (their reports not done yet). */
    public List<LoadTestRun> running() {
        return List.copyOf(running);
    }

    /**
     * Stops every running test, waits (at most 2 s) for their reports, then stops this tester's
     * threads. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RunningTest> toStop = List.copyOf(running);
        toStop.forEach(RunningTest::stop);
        try {
            CompletableFuture.allOf(toStop.stream().map(RunningTest::report).toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Load tester closing: {} run(s) had not written their report after {} ms", running.size(),
                    CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Load tester closing: a run's report failed", e.getCause());
        }
        scheduler.shutdownNow();
        handoff.shutdownNow();
        workers.shutdownNow();
    }
}
