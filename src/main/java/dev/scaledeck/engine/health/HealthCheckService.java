package dev.scaledeck.engine.health;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.metrics.BoundedHistory;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs the registered {@link HealthCheck}s, now or periodically, and keeps their recent results
 * (the seed's {@code HealthChecker}). Each round runs every check concurrently and gives each the
 * check timeout; a check that has not answered by then is DOWN. A check that is not UP raises the
 * alert {@code health.<check>} (WARNING when DEGRADED, CRITICAL when DOWN), which clears when it
 * is UP again; a change of the overall status is an {@link EngineEvent} (category {@code health}).
 *
 * <p>Thread-safe. Rounds are serialised, so an operator's "check now" during a periodic round
 * waits for it rather than racing it on the alerts. Checks run on threads of their own
 * ({@code scaledeck-health-N}), so a hanging check cannot stall the scheduler.
 */
public final class HealthCheckService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckService.class);
    /** Checks bound their own waits by the check timeout; this margin lets them report why, not just "no answer". */
    private static final Duration GRACE = Duration.ofMillis(250);

    private final HealthConfig config;
    private final Clock clock;
    private final AlertCenter alerts;
    private final EventJournal journal;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ExecutorService runner = Executors.newCachedThreadPool(new NamedThreads("scaledeck-health"));
    private final Object lock = new Object();
    private final Map<String, Registered> checks = new LinkedHashMap<>();
    private final Object roundLock = new Object();
    private HealthStatus aggregate;
    private volatile HealthReport latest;
    private ScheduledFuture<?> periodic;
    private boolean closed;

    /** A check as registered; whether it is critical is read once, so it cannot change between rounds. */
    private record Registered(HealthCheck check, boolean critical, BoundedHistory<HealthResult> history) {
    }

    /** Schedules periodic rounds on the engine's {@code scheduler}, which it does not shut down. */
    public HealthCheckService(HealthConfig config, Clock clock, AlertCenter alerts, EventJournal journal,
                              ScheduledExecutorService scheduler) {
        this(config, clock, alerts, journal, scheduler, false);
    }

    /** Owns a scheduler thread of its own ({@code scaledeck-health-scheduler-1}), shut down on {@link #close()}. */
    public HealthCheckService(HealthConfig config, Clock clock, AlertCenter alerts, EventJournal journal) {
        this(config, clock, alerts, journal,
                Executors.newSingleThreadScheduledExecutor(new NamedThreads("scaledeck-health-scheduler")), true);
    }

    private HealthCheckService(HealthConfig config, Clock clock, AlertCenter alerts, EventJournal journal,
                               ScheduledExecutorService scheduler, boolean ownsScheduler) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ownsScheduler = ownsScheduler;
        this.latest = new HealthReport(clock.instant(), HealthStatus.UP, Map.of(), Map.of());
    }

    /**
     * Adds a check; it runs from the next round on.
     *
     * @throws IllegalArgumentException when a check with the same name is registered
     */
    public void register(HealthCheck check) {
        String name = Objects.requireNonNull(check.name(), "check name");
        boolean critical = check.critical();
        synchronized (lock) {
            ensureOpen();
            if (checks.containsKey(name)) {
                throw new IllegalArgumentException("a health check named '" + name + "' is already registered");
            }
            checks.put(name, new Registered(check, critical, new BoundedHistory<>(config.historySize())));
        }
        LOG.info("Health check {} registered{}", name, critical ? " (critical)" : "");
    }

    /** Removes a check, its history and its alert; returns whether it was registered. */
    public boolean unregister(String name) {
        Registered removed;
        synchronized (lock) {
            removed = checks.remove(name);
        }
        if (removed != null) {
            alerts.clear(alertKey(name), "health check " + name + " removed");
        }
        return removed != null;
    }

    /** Registered check names, in registration order. */
    public List<String> names() {
        synchronized (lock) {
            return List.copyOf(checks.keySet());
        }
    }

    /** Runs every check once, concurrently, and returns the resulting report. Blocks for at most the check timeout. */
    public HealthReport checkNow() {
        synchronized (roundLock) {
            List<Registered> round;
            synchronized (lock) {
                ensureOpen();
                round = List.copyOf(checks.values());
            }
            List<Future<HealthResult>> futures = new ArrayList<>();
            for (Registered r : round) {
                futures.add(submit(r.check()));
            }
            long deadline = System.nanoTime() + config.checkTimeout().plus(GRACE).toNanos();
            List<HealthResult> results = new ArrayList<>();
            for (int i = 0; i < round.size(); i++) {
                results.add(await(round.get(i).check(), futures.get(i), deadline));
            }
            return apply(round, results);
        }
    }

    /** The report of the latest round (UP and empty before the first). */
    public HealthReport report() {
        return latest;
    }

    /** The recent results of one check, oldest first; empty for an unknown check. */
    public List<HealthResult> history(String check) {
        synchronized (lock) {
            Registered r = checks.get(check);
            return r == null ? List.of() : r.history().snapshot();
        }
    }

    /** Starts periodic rounds every {@link HealthConfig#checkInterval()}. */
    public void startPeriodicChecks() {
        startPeriodicChecks(config.checkInterval());
    }

    /**
     * Starts periodic rounds (the first one now), or restarts them with a new interval. A round
     * that fails is logged and the next one runs as scheduled.
     */
    public void startPeriodicChecks(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be a positive duration, but was " + interval);
        }
        synchronized (lock) {
            ensureOpen();
            if (periodic != null) {
                periodic.cancel(false);
            }
            periodic = scheduler.scheduleWithFixedDelay(this::roundSafely, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }
        LOG.info("Periodic health checks every {}", interval);
    }

    public void stopPeriodicChecks() {
        synchronized (lock) {
            if (periodic != null) {
                periodic.cancel(false);
                periodic = null;
            }
        }
    }

    public boolean periodicChecksRunning() {
        synchronized (lock) {
            return periodic != null && !periodic.isDone();
        }
    }

    /** Stops the periodic rounds and the check threads, waiting at most two seconds. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (periodic != null) {
                periodic.cancel(false);
                periodic = null;
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Health checks still running 2 s after close; leaving them to finish on their own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void roundSafely() {
        try {
            checkNow();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            if (!isClosed()) {
                LOG.warn("Health check round failed; the next round runs as scheduled", t);
            }
        }
    }

    private Future<HealthResult> submit(HealthCheck check) {
        try {
            return runner.submit(() -> run(check));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("health check service is closed", e);
        }
    }

    private HealthResult run(HealthCheck check) {
        long start = System.nanoTime();
        try {
            HealthResult result = check.check();
            if (result == null) {
                return down(check.name(), "check returned no result", start);
            }
            return result.check().equals(check.name()) ? result : new HealthResult(check.name(), result.status(),
                    result.message(), result.latency(), result.time(), result.details());
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            LOG.debug("Health check {} threw", check.name(), t);
            return down(check.name(), "check failed: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()), start);
        }
    }

    private HealthResult await(HealthCheck check, Future<HealthResult> future, long deadlineNanos) {
        long start = System.nanoTime();
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new HealthResult(check.name(), HealthStatus.DOWN,
                    "no answer within the " + Formats.text(config.checkTimeout()) + " check timeout",
                    config.checkTimeout(), clock.instant(), Map.of());
        } catch (ExecutionException e) {
            return down(check.name(), "check failed: " + e.getCause(), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return down(check.name(), "check interrupted", start);
        }
    }

    private HealthResult down(String name, String message, long startNanos) {
        return HealthResult.of(name, HealthStatus.DOWN, message, Duration.ofNanos(System.nanoTime() - startNanos),
                clock.instant());
    }

    /** Records the round's results, moves the alerts, and publishes the new report. Called under the round lock. */
    private HealthReport apply(List<Registered> round, List<HealthResult> results) {
        for (int i = 0; i < round.size(); i++) {
            Registered r = round.get(i);
            if (isRegistered(r)) {
                r.history().add(results.get(i));
                updateAlert(r.check().name(), results.get(i));
            }
        }
        Map<String, HealthResult> latestResults = new LinkedHashMap<>();
        Map<String, List<HealthResult>> histories = new LinkedHashMap<>();
        HealthStatus status = HealthStatus.UP;
        List<Registered> current;
        synchronized (lock) {
            current = List.copyOf(checks.values());
        }
        for (Registered r : current) {
            HealthResult last = r.history().latest();
            if (last == null) {
                continue;
            }
            latestResults.put(r.check().name(), last);
            histories.put(r.check().name(), r.history().snapshot());
            status = status.worst(contribution(r.critical(), last));
        }
        Instant now = clock.instant();
        HealthReport report = new HealthReport(now, status, latestResults, histories);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Health round: {}; {}", status, results.stream()
                    .map(r -> r.check() + " " + r.status() + " in " + r.latency().toMillis() + " ms (" + r.message() + ")")
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        if (status != aggregate) {
            recordChange(aggregate, report);
            aggregate = status;
        }
        latest = report;
        return report;
    }

    /** A critical check that is DOWN takes the application down; anything else not UP only degrades it. */
    private static HealthStatus contribution(boolean critical, HealthResult result) {
        if (result.status() == HealthStatus.DOWN && !critical) {
            return HealthStatus.DEGRADED;
        }
        return result.status();
    }

    private void updateAlert(String name, HealthResult result) {
        String key = alertKey(name);
        if (result.status() == HealthStatus.UP) {
            alerts.clear(key, name + " is UP again: " + result.message());
            return;
        }
        Severity severity = result.status() == HealthStatus.DOWN ? Severity.CRITICAL : Severity.WARNING;
        // AlertCenter keeps a refreshed alert quiet; a change of severity is news, so it is cleared and raised anew.
        alerts.active().stream()
                .filter(a -> a.key().equals(key) && a.severity() != severity)
                .findFirst()
                .ifPresent(a -> alerts.clear(key, name + " is now " + result.status()));
        alerts.raise(key, severity, "health", name + " " + result.status() + ": " + result.message());
    }

    private void recordChange(HealthStatus previous, HealthReport report) {
        String failing = report.checks().values().stream()
                .filter(r -> !r.isUp())
                .map(r -> r.check() + " " + r.status() + " (" + r.message() + ")")
                .collect(Collectors.joining("; "));
        String message = "Health " + report.status()
                + (previous == null ? "" : " (was " + previous + ")")
                + (failing.isEmpty() ? ": all " + report.checks().size() + " checks UP" : ": " + failing);
        if (report.status() == HealthStatus.UP) {
            LOG.info(message);
        } else {
            LOG.warn(message);
        }
        journal.record(new EngineEvent(report.time(), "health", "status-changed", "health", message));
    }

    private boolean isRegistered(Registered r) {
        synchronized (lock) {
            return checks.get(r.check().name()) == r;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("health check service is closed");
        }
    }

    static String alertKey(String check) {
        return "health." + check;
    }
}
