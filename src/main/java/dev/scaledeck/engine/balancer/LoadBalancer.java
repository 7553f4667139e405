package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Spreads requests over the application's instances: {@link #next()} picks one by the current
 * {@link Strategy} among the instances that are HEALTHY and whose circuit breaker is not open,
 * weighted by their effective weight (which grows over the slow-start window after an instance
 * joins or comes back). Passive outlier detection ejects instances whose requests keep failing,
 * {@link HealthProber} marks instances whose {@code /health} keeps failing, operators eject,
 * restore and remove instances, and every change is journalled.
 *
 * <p>Thread-safe. {@link #next()} takes no lock: it reads an immutable {@link Rotation} from an
 * atomic reference, which every change of state, weight or strategy replaces under a lock (the
 * last published rotation always reflects the latest states). After {@link #eject}, {@link #drain}
 * or an automatic ejection returns, no {@code next()} that starts later returns that instance.
 * Time comes from the injected clock; {@link #tick()}, called by the engine's scheduler (about
 * once a second), ends ejections whose time is over, lets open breakers try again and advances
 * slow start.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancer.class);
    /** Tries of one pick before it counts as "no instance available" (breakers refusing permits). */
    private static final int MAX_ATTEMPTS = 8;

    private final BalancerConfig config;
    private final Clock clock;
    private final EventJournal journal;
    private final SlowStart slowStart;
    private final RotationPlanner planner;
    private final OutlierDetector outliers;
    private final PickOutcomes outcomes;
    private final StatsCollector statsCollector;
    private final PanicPolicy panicPolicy;
    private final TrafficLog trafficLog = new TrafficLog(LOG);
    private final AtomicReference<Rotation> rotation = new AtomicReference<>(Rotation.EMPTY);
    /** Guards changes to {@link #backends} and rotation rebuilds. */
    private final Object lock = new Object();
    /** Requests ended on any instance; least connections re-reads its view of the counts when it moved. */
    private final InFlightCounter.Ends ends = new InFlightCounter.Ends();
    /** Every instance not yet removed, in the order added. Immutable; replaced under {@link #lock}. */
    private volatile List<Backend> backends = List.of();
    private volatile Strategy strategy;
    private volatile boolean closed;

    public LoadBalancer(BalancerConfig config, Clock clock, EventJournal journal) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.strategy = config.strategy();
        this.slowStart = new SlowStart(config.slowStart(), config.slowStartInitialFraction());
        this.planner = new RotationPlanner(slowStart);
        this.outliers = new OutlierDetector(config, clock, journal);
        this.outcomes = new PickOutcomes(outliers, () -> backends, this::rebuild);
        this.statsCollector = new StatsCollector(planner);
        this.panicPolicy = new PanicPolicy(config.panicMode(), outcomes);
    }

    public BalancerConfig config() {
        return config;
    }

    /**
     * Adds an instance, HEALTHY, at the start of its slow-start ramp.
     *
     * @throws IllegalArgumentException when an instance with this id is already in the balancer
     */
    public void add(InstanceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Instant now = clock.instant();
        synchronized (lock) {
            requireOpen();
            Backend existing = find(spec.id());
            if (existing != null) {
                throw new IllegalArgumentException("Instance " + spec.id() + " is already in the balancer ("
                        + existing.health.state() + "); remove it first");
            }
            Backend b = new Backend(spec, new InstanceStateMachine(spec.id(), clock, journal, "added"),
                    new InstanceBreaker(spec.id(), config, clock, journal, this::rebuild),
                    new TrafficRecorder(config.statsWindow()), ends);
            b.rampStart = slowStart.begin(now);
            List<Backend> next = new ArrayList<>(backends);
            next.add(b);
            backends = List.copyOf(next);
        }
        journal.record(new EngineEvent(now, "instance", "added", spec.id(), "Instance " + spec.id() + " at "
                + spec.url() + " (weight " + spec.weight() + ") joins the balancer"
                + (config.slowStart().isZero() ? "" : "; slow start over " + Durations.format(config.slowStart()))));
        rebuild();
    }

    /**
     * Stops sending new requests to the instance; the future completes when its in-flight
     * requests have finished. The instance stays listed (DRAINING) until {@link #remove}.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public CompletableFuture<Void> drain(String id) {
        Backend b = require(id);
        if (b.health.state() != InstanceHealth.DRAINING) {
            try {
                b.health.moveTo(InstanceHealth.DRAINING, "drain requested");
            } catch (IllegalStateException e) {
                if (b.health.state() != InstanceHealth.DRAINING) {
                    throw e; // not a concurrent drain: removed meanwhile
                }
            }
        }
        rebuild();
        b.completeDrainIfIdle();
        return b.drained.copy();
    }

    /**
     * Drains the instance, then removes it (REMOVED, gone from stats). The future completes once
     * it is removed.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public CompletableFuture<Void> remove(String id) {
        Backend b = require(id);
        return drain(id).thenRun(() -> finishRemoval(b));
    }

    private void finishRemoval(Backend b) {
        if (b.health.moveIf(InstanceHealth.DRAINING, InstanceHealth.REMOVED, "drained and removed")) {
            synchronized (lock) {
                List<Backend> next = new ArrayList<>(backends);
                next.remove(b);
                backends = List.copyOf(next);
            }
            rebuild();
        }
    }

    /**
     * Takes the instance out of traffic until {@link #restore}; an instance already ejected by
     * outlier detection stays out until restored too.
     *
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException    when the instance is draining
     */
    public void eject(String id, String reason) {
        Backend b = require(id);
        // An operator ejection has no end; clear any passive end first so a tick cannot end this one.
        b.ejectedUntil = null;
        if (b.health.state() == InstanceHealth.EJECTED) {
            journal.record(new EngineEvent(clock.instant(), "instance", "ejected", id, "Instance " + id
                    + " was already ejected; now held out until restored (operator: " + reason + ")"));
            return;
        }
        b.health.moveTo(InstanceHealth.EJECTED, "operator: " + reason);
        rebuild();
    }

    /**
     * Brings an ejected instance back, through slow start: HEALTHY, or UNHEALTHY when its
     * probes are failing. Clears its ejection history.
     *
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException    when the instance is not ejected
     */
    public void restore(String id) {
        Backend b = require(id);
        b.rampStart = slowStart.begin(clock.instant());
        boolean healthy = b.probesHealthy;
        if (!b.health.moveIf(InstanceHealth.EJECTED, healthy ? InstanceHealth.HEALTHY : InstanceHealth.UNHEALTHY,
                "restored by operator" + (healthy ? "" : "; its health probes are failing"))) {
            InstanceCondition c = b.health.condition();
            throw new IllegalStateException("Instance " + id + " is " + c.state() + " (" + c.reason()
                    + "); only an EJECTED instance can be restored");
        }
        b.ejectedUntil = null;
        b.timesEjected = 0;
        b.consecutiveFailures.set(0);
        rebuild();
    }

    /** Changes the strategy for every later pick. */
    public void setStrategy(Strategy next) {
        Objects.requireNonNull(next, "strategy");
        Strategy previous = strategy;
        strategy = next;
        if (previous != next) {
            journal.record(new EngineEvent(clock.instant(), "balancer", "strategy", "balancer",
                    "Strategy " + previous + " -> " + next));
        }
        rebuild();
    }

    public Strategy strategy() {
        return strategy;
    }

    /**
     * Picks the instance for one request. Lock-free. Never returns an ejected, unhealthy, draining
     * or open-breaker instance, except in SPREAD panic mode, which spreads over every instance that
     * is not draining when none is eligible.
     *
     * @throws NoHealthyInstanceException when no instance can take the request, naming each and why
     * @throws IllegalStateException      after {@link #close()}
     */
    public Pick next() {
        Rotation r = rotation.get();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Backend b = r.selector().select(attempt);
            if (b == null) {
                break;
            }
            Pick pick = admit(b, r);
            if (pick != null) {
                return pick;
            }
            r = rotation.get();
        }
        return noneAvailable();
    }

    /**
     * Claims the chosen instance. The in-flight count goes up before the admission is read, and a
     * drain writes the admission before reading the count, so a drain never misses a request.
     */
    private Pick admit(Backend b, Rotation r) {
        b.inFlight.increment();
        Backend.Admission admission = b.admission;
        if (admission == Backend.Admission.ROTATION) {
            if (b.breaker.tryAcquire()) {
                return new Pick(b, outcomes, true, r.panic());
            }
        } else if (admission == Backend.Admission.PANIC_ONLY && r.panic() && rotation.get().panic()) {
            return new Pick(b, outcomes, false, true);
        }
        b.release();
        return null;
    }

    private Pick noneAvailable() {
        requireOpen();
        return panicPolicy.lastResort(backends);
    }

    /**
     * Periodic work, driven by the clock: ends passive ejections whose time is over (the instance
     * returns through slow start), moves open breakers whose wait is over to half-open, advances
     * slow-start ramps and rolls the latency windows. Call it about once a second.
     */
    public void tick() {
        Instant now = clock.instant();
        boolean changed = false;
        for (Backend b : backends) {
            try {
                if (outliers.ejectionOver(b, now)) {
                    changed |= endEjection(b, now);
                }
                b.breaker.halfOpenIfDue(now);
                Instant ramp = b.rampStart;
                if (ramp != null) {
                    changed = true;
                    if (slowStart.finished(ramp, now)) {
                        b.rampStart = null;
                    }
                }
                b.traffic.collect(now);
            } catch (RuntimeException e) {
                LOG.warn("Balancer tick failed for instance {}", b.id(), e);
            }
        }
        if (changed) {
            rebuild();
        }
        trafficLog.traffic(backends, now);
    }

    private boolean endEjection(Backend b, Instant now) {
        Instant until = b.ejectedUntil;
        b.rampStart = slowStart.begin(now);
        boolean healthy = b.probesHealthy;
        boolean moved = b.health.moveIf(InstanceHealth.EJECTED, healthy ? InstanceHealth.HEALTHY : InstanceHealth.UNHEALTHY,
                "ejection ended at " + until + (healthy ? "" : "; its health probes are failing"));
        if (moved) {
            b.ejectedUntil = null;
            b.consecutiveFailures.set(0);
        }
        return moved;
    }

    /** What the active probes concluded; from {@link HealthProber}. Unknown ids are ignored (removed meanwhile). */
    /** {@link #probeVerdict(String, boolean, String)} for this very instance: none when it has left the balancer. */
    void probeVerdict(Backend probed, boolean healthy, String reason) {
        if (find(probed.id()) == probed) {
            probeVerdict(probed.id(), healthy, reason);
        }
    }

    void probeVerdict(String id, boolean healthy, String reason) {
        Backend b = find(id);
        if (b == null) {
            return;
        }
        b.probesHealthy = healthy;
        boolean moved;
        if (healthy) {
            b.rampStart = slowStart.begin(clock.instant());
            moved = b.health.moveIf(InstanceHealth.UNHEALTHY, InstanceHealth.HEALTHY, reason);
        } else {
            moved = b.health.moveIf(InstanceHealth.HEALTHY, InstanceHealth.UNHEALTHY, reason);
        }
        if (moved) {
            rebuild();
        }
    }

    /** A point-in-time view of every instance and the totals. */
    public BalancerStats stats() {
        return statsCollector.collect(backends, strategy, rotation.get().panic(), clock.instant());
    }

    /** The instances not yet removed, in the order added. */
    public List<InstanceSpec> instances() {
        return backends.stream().map(b -> b.spec).collect(Collectors.toUnmodifiableList());
    }

    List<Backend> backends() {
        return backends;
    }

    private void rebuild() {
        EngineEvent panicEvent = null;
        synchronized (lock) {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            Rotation next = planner.plan(backends, strategy, config.panicMode(), now);
            Rotation previous = rotation.getAndSet(next);
            panicEvent = panicPolicy.transition(previous, next, backends, now);
            trafficLog.rotation(previous, next, strategy);
        }
        if (panicEvent != null) {
            LOG.warn("{}", panicEvent.message());
            journal.record(panicEvent);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The load balancer is closed");
        }
    }

    private Backend find(String id) {
        for (Backend b : backends) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        return null;
    }

    private Backend require(String id) {
        Backend b = find(id);
        if (b == null) {
            throw new IllegalArgumentException("No instance '" + id + "' in the balancer; it has "
                    + (backends.isEmpty() ? "none" : backends.stream().map(Backend::id).collect(Collectors.joining(", "))));
        }
        return b;
    }

    /** Stops picking; pending drains fail. Idempotent. Owns no threads, so nothing to wait for. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            rotation.set(Rotation.EMPTY);
        }
        for (Backend b : backends) {
            b.drained.completeExceptionally(new IllegalStateException(
                    "The load balancer closed before instance " + b.id() + " drained"));
        }
    }
}
