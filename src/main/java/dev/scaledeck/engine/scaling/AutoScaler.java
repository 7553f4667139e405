package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.scaling.platform.PlatformException;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The auto-scaler: every interval it reads each instance's metrics, lets the policy and the
 * guards decide ({@link ScalingDecision}, always with a reason), journals the decision, and in
 * apply mode asks the platform for the new count, retrying with backoff; a platform that keeps
 * failing raises an alert. Mode and rules can change at run time. The operator can also scale
 * to a count by hand. Evaluations run one at a time on the scaler's own thread (or the
 * caller's, for {@link #evaluateNow()}). Thread-safe.
 */
public final class AutoScaler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AutoScaler.class);
    private static final int HISTORY = 2_000;
    static final String PLATFORM_ALERT = "scaling.platform";

    private volatile MetricsSource source;
    private final ConnectionBudget budget;
    private final Supplier<Optional<ScalingPlatform>> platform;
    private final EventJournal journal;
    private final AlertCenter alerts;
    private final Clock clock;
    private final PlatformCalls calls;
    private final Duration interval;
    private final DecisionPipeline pipeline;
    private final MetricsWindow window = new MetricsWindow();
    private final ArrayDeque<ScalingDecision> decisions = new ArrayDeque<>();
    private final ArrayDeque<ReplicaPoint> replicas = new ArrayDeque<>();
    private final ArrayDeque<RecordedSample> samples = new ArrayDeque<>();
    /** Every decision since start, by action: the histories are bounded, a monitoring system wants counts. */
    private final Map<ScalingAction, LongAdder> decided = new EnumMap<>(ScalingAction.class);
    /** Guards the histories, so readers (the window's sampler) never wait for an evaluation's platform calls. */
    private final Object history = new Object();
    private final Object lifecycle = new Object();
    private volatile ScalingRules currentRules;
    private volatile ScalingPolicy currentPolicy;
    private volatile Instant lastChangeAt;
    private volatile ScalingMode mode;
    private volatile String withoutPlatform = "no scaling platform is configured; ScaleDeck only watches these instances";
    private ScalingDecision lastJournaled;
    private ScheduledExecutorService thread;

    /** What one evaluation saw, kept for what-if replays of the recent past. */
    record RecordedSample(Instant at, Map<Metric, Double> averages, int ready) {
    }

    /**
     * @param interval how often the scheduled evaluation runs; metrics older than three
     *                 intervals (at least 5 s) are stale
     * @param calls    retries of platform calls
     */
    AutoScaler(ScalingRules rules, ScalingMode mode, Duration interval, MetricsSource source, ConnectionBudget budget,
               Supplier<Optional<ScalingPlatform>> platform, EventJournal journal, AlertCenter alerts, Clock clock,
               PlatformCalls calls) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.interval = interval;
        this.source = source;
        this.budget = budget;
        this.platform = platform;
        this.journal = journal;
        this.alerts = alerts;
        this.clock = clock;
        this.calls = calls;
        this.pipeline = new DecisionPipeline(rules, clock.getZone());
        this.currentRules = rules;
        this.currentPolicy = pipeline.policy();
        for (ScalingAction action : ScalingAction.values()) {
            decided.put(action, new LongAdder());
        }
    }

    /** An auto-scaler that retries a failing platform call 4 times, 1 s, 2 s and 4 s apart. */
    public static AutoScaler create(ScalingRules rules, ScalingMode mode, Duration interval, MetricsSource source,
                                    ConnectionBudget budget, Supplier<Optional<ScalingPlatform>> platform,
                                    EventJournal journal, AlertCenter alerts, Clock clock) {
        return new AutoScaler(rules, mode, interval, source, budget, platform, journal, alerts, clock,
                new PlatformCalls(4, Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis())));
    }

    /** Runs an evaluation every interval on the scaler's own thread, the first after one interval. */
    public void start() {
        synchronized (lifecycle) {
            startThread();
        }
    }

    private void startThread() {
        if (thread == null) {
            thread = new ScheduledThreadPoolExecutor(1, new NamedThreads("scaledeck-autoscaler"));
            thread.scheduleWithFixedDelay(this::evaluateSafely, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void evaluateSafely() {
        try {
            evaluateNow();
        } catch (RuntimeException e) {
            LOG.warn("Auto-scaler evaluation failed; the next one runs as scheduled", e);
        }
    }

    /** The seed's {@code addMetric}: keeps one instance's metrics, then evaluates. */
    public ScalingDecision record(InstanceMetrics metrics) {
        add(metrics);
        return evaluate();
    }

    /** Keeps one instance's metrics for the next evaluation. */
    public synchronized void add(InstanceMetrics metrics) {
        window.add(Objects.requireNonNull(metrics, "metrics"));
    }

    /** Reads the metrics source, then evaluates (and applies in apply mode). */
    public ScalingDecision evaluateNow() {
        try {
            source.collect().forEach(this::add);
        } catch (RuntimeException e) {
            LOG.warn("Could not read metrics from {}: {}", source.name(), e.getMessage());
        }
        return evaluate();
    }

    /** Decides on the metrics kept so far; in apply mode a change goes to the platform before this returns. */
    public synchronized ScalingDecision evaluate() {
        Instant now = clock.instant();
        Optional<ScalingPlatform> p = platform.get();
        ScalingRules rules = pipeline.rules();
        Duration stale = interval.multipliedBy(3).compareTo(Duration.ofSeconds(5)) < 0
                ? Duration.ofSeconds(5) : interval.multipliedBy(3);
        MetricsWindow.Fleet fleet = window.fleet(now, stale, rules.warmup());
        int current;
        Optional<String> managed;
        if (p.isEmpty()) {
            current = fleet.warm() + fleet.warming();
            managed = Optional.of(withoutPlatform);
        } else {
            managed = p.get().managedScaling();
            try {
                current = managed.isPresent() ? fleet.warm() + fleet.warming() : p.get().replicas().desired();
            } catch (PlatformException e) {
                return keep(platformFailed("read replicas", e, now, fleet, rules));
            }
        }
        ScalingDecision decision = pipeline.decide(now, new DecisionPipeline.Situation(current, fleet.warm(),
                fleet.warming(), fleet.averages(), budget, managed), mode);
        if (fleet.averages().isEmpty() && !decision.changes()) {
            decision = new ScalingDecision(now, current, 0, current, ScalingAction.BLOCKED,
                    Map.of(), "no ready instance reported metrics"
                    + (fleet.warming() > 0 ? " (" + fleet.warming() + " warming up)" : ""), mode, false);
        }
        synchronized (history) {
            samples.addLast(new RecordedSample(now, fleet.averages(), fleet.warm()));
            trim(samples);
        }
        if (decision.changes() && mode == ScalingMode.APPLY) {
            decision = apply(decision, p.orElseThrow(), "auto-scaler");
        }
        return keep(decision);
    }

    private ScalingDecision apply(ScalingDecision decision, ScalingPlatform target, String who) {
        try {
            applyOrThrow(decision, target, who);
            return decision.asApplied();
        } catch (PlatformException e) {
            return failed(decision, e);
        }
    }

    /** Asks the platform, with retries; journals the outcome and raises or clears the platform alert. */
    private void applyOrThrow(ScalingDecision decision, ScalingPlatform target, String who) {
        try {
            int attempts = calls.run(target.name() + ": scale " + target.target() + " to " + decision.desired(),
                    () -> target.scaleTo(decision.desired()));
            pipeline.changed(decision.at(), decision.current(), decision.desired());
            lastChangeAt = decision.at();
            alerts.clear(PLATFORM_ALERT, "scaled " + target.target() + " to " + decision.desired());
            journal.record(new EngineEvent(clock.instant(), "scaling", "applied", target.name(),
                    who + " scaled " + target.target() + " from " + decision.current() + " to " + decision.desired()
                            + (attempts > 1 ? " (after " + attempts + " attempts)" : "")));
        } catch (PlatformException e) {
            alerts.raise(PLATFORM_ALERT, Severity.CRITICAL, "scaling", e.getMessage());
            journal.record(new EngineEvent(clock.instant(), "scaling", "platform-failed", target.name(), e.getMessage()));
            throw e;
        }
    }

    private static ScalingDecision failed(ScalingDecision decision, PlatformException e) {
        return new ScalingDecision(decision.at(), decision.current(), decision.ready(), decision.current(),
                ScalingAction.BLOCKED, decision.metrics(), decision.reason() + "; the platform call failed: "
                + e.getMessage(), decision.mode(), false);
    }

    private ScalingDecision platformFailed(String what, PlatformException e, Instant now, MetricsWindow.Fleet fleet,
                                           ScalingRules rules) {
        alerts.raise(PLATFORM_ALERT, Severity.CRITICAL, "scaling", e.getMessage());
        int seen = fleet.warm() + fleet.warming();
        return new ScalingDecision(now, seen, fleet.warm(), seen, ScalingAction.BLOCKED, fleet.averages(),
                "could not " + what + ": " + e.getMessage(), mode, false);
    }

    private ScalingDecision keep(ScalingDecision decision) {
        decided.get(decision.action()).increment();
        // One line per evaluation (every scaling.interval), with what it decided on.
        LOG.debug("Decision ({}, {}): {}; metrics {}; {} ready", decision.mode(),
                decision.applied() ? "applied" : "not applied", decision.summary(), decision.metrics(), decision.ready());
        synchronized (history) {
            decisions.addLast(decision);
            trim(decisions);
            replicas.addLast(new ReplicaPoint(decision.at(), decision.current(), decision.desired(), decision.ready()));
            trim(replicas);
        }
        if (lastJournaled == null || decision.changes() || decision.action() != lastJournaled.action()
                || !decision.reason().equals(lastJournaled.reason())) {
            journal.record(new EngineEvent(decision.at(), "scaling", type(decision), "auto-scaler",
                    decision.summary() + (decision.changes() && !decision.applied() ? " (recommended, not applied)" : "")));
            lastJournaled = decision;
        }
        return decision;
    }

    /**
     * Scales to {@code replicas} now, on the operator's word: bounds are not enforced (a warning
     * says when the auto-scaler in apply mode will move the count back), the connection budget
     * is, and the cooldown starts.
     *
     * @param who who asked, for the journal: {@code operator (window)}
     * @return the decision as applied
     * @throws IllegalArgumentException when replicas is negative or above {@link ScalingRules#INSTANCE_LIMIT}
     * @throws IllegalStateException    when there is no platform, it scales by itself, or the budget refuses
     * @throws PlatformException        when the platform call failed after retries
     */
    public synchronized ScalingDecision scaleTo(int replicas, String who) {
        if (replicas < 0 || replicas > ScalingRules.INSTANCE_LIMIT) {
            throw new IllegalArgumentException("replicas must be between 0 and " + ScalingRules.INSTANCE_LIMIT
                    + ", but was " + replicas);
        }
        ScalingPlatform target = platform.get().orElseThrow(() -> new IllegalStateException(withoutPlatform));
        target.managedScaling().ifPresent(m -> {
            throw new IllegalStateException(m);
        });
        Instant now = clock.instant();
        ReplicaStatus status = target.replicas();
        int current = status.desired();
        if (replicas > current) {
            budget.limit().filter(l -> replicas > l.maxReplicas()).ifPresent(l -> {
                throw new IllegalStateException("refused by the connection budget: " + l.explain(replicas));
            });
        }
        ScalingRules rules = pipeline.rules();
        String reason = who + " asked for " + replicas;
        if (mode == ScalingMode.APPLY && (replicas < rules.minInstances() || replicas > rules.maxInstances())) {
            reason += "; outside " + rules.minInstances() + ".." + rules.maxInstances()
                    + ", so the auto-scaler (apply mode) will move it back after the cooldown";
        }
        ScalingAction action = replicas > current ? ScalingAction.SCALE_UP
                : replicas < current ? ScalingAction.SCALE_DOWN : ScalingAction.NO_CHANGE;
        ScalingDecision asked = new ScalingDecision(now, current, status.ready(), replicas, action, Map.of(), reason,
                mode, false);
        if (action == ScalingAction.NO_CHANGE) {
            return keep(asked);
        }
        try {
            applyOrThrow(asked, target, who);
        } catch (PlatformException e) {
            keep(failed(asked, e));
            throw e;
        }
        return keep(asked.asApplied());
    }

    /** Reads metrics from another source from the next evaluation on (the Kubernetes metrics API, say). */
    public void useMetricsSource(MetricsSource newSource) {
        source = Objects.requireNonNull(newSource, "source");
    }

    /**
     * Says why there is no platform to act on, when there is a better reason than "none is
     * configured" (another ScaleDeck process owns the instances, say).
     */
    public void explainMissingPlatform(String why) {
        withoutPlatform = Objects.requireNonNull(why, "why");
    }

    /** Why there is no platform to act on, when there is none. */
    public String missingPlatformReason() {
        return withoutPlatform;
    }

    public ScalingMode mode() {
        return mode;
    }

    /** Switches between recommending and applying; journaled. */
    public synchronized void setMode(ScalingMode newMode) {
        Objects.requireNonNull(newMode, "mode");
        if (newMode != mode) {
            mode = newMode;
            journal.record(new EngineEvent(clock.instant(), "scaling", "mode", "auto-scaler",
                    newMode == ScalingMode.APPLY ? "Auto-scaler now applies its decisions"
                            : "Auto-scaler now only recommends; it changes nothing"));
        }
    }

    public ScalingRules rules() {
        return currentRules;
    }

    public ScalingPolicy policy() {
        return currentPolicy;
    }

    /** Replaces the policy and guards (validated when the rules were built); journaled. */
    public synchronized void useRules(ScalingRules rules) {
        pipeline.use(Objects.requireNonNull(rules, "rules"));
        currentRules = rules;
        currentPolicy = pipeline.policy();
        journal.record(new EngineEvent(clock.instant(), "scaling", "policy", "auto-scaler",
                "Scaling policy now " + pipeline.policy().describe() + "; instances " + rules.minInstances() + ".."
                        + rules.maxInstances() + ", cooldown " + DecisionPipeline.human(rules.cooldown())));
    }

    /** Recent decisions, oldest first (at most 2,000). A copy. */
    public List<ScalingDecision> decisions() {
        synchronized (history) {
            return List.copyOf(decisions);
        }
    }

    /** How many decisions with this action were made since the auto-scaler was created (evaluations and operator requests). */
    public long decisionCount(ScalingAction action) {
        return decided.get(Objects.requireNonNull(action, "action")).sum();
    }

    public Optional<ScalingDecision> lastDecision() {
        synchronized (history) {
            return Optional.ofNullable(decisions.peekLast());
        }
    }

    /** Current and desired replicas of recent evaluations, oldest first. A copy. */
    public List<ReplicaPoint> replicaHistory() {
        synchronized (history) {
            return List.copyOf(replicas);
        }
    }

    /**
     * What the recent evaluations saw (at most the last 2,000), as a series a what-if replay
     * takes; evaluations in which no instance reported are left out. Empty when fewer than two remain.
     */
    public Optional<MetricsSeries> recordedSeries() {
        List<RecordedSample> copy;
        synchronized (history) {
            copy = List.copyOf(samples);
        }
        List<MetricsSeries.Point> points = new ArrayList<>();
        Instant first = null;
        for (RecordedSample s : copy) {
            if (s.averages().isEmpty() || s.ready() < 1) {
                continue;
            }
            first = first == null ? s.at() : first;
            points.add(new MetricsSeries.Point(Duration.between(first, s.at()), s.averages(), s.ready()));
        }
        return points.size() < 2 ? Optional.empty() : Optional.of(MetricsSeries.of(points));
    }

    /** When the cooldown after the last change ends, if it has not yet. */
    public Optional<Instant> cooldownUntil() {
        Instant now = clock.instant();
        Instant last = lastChangeAt;
        return last == null ? Optional.empty() : Optional.of(last.plus(currentRules.cooldown())).filter(now::isBefore);
    }

    public Duration interval() {
        return interval;
    }

    public String metricsSource() {
        return source.name();
    }

    private static String type(ScalingDecision d) {
        return switch (d.action()) {
            case SCALE_UP -> "scale-up";
            case SCALE_DOWN -> "scale-down";
            case NO_CHANGE -> "no-change";
            case BLOCKED -> "blocked";
        };
    }

    private static <T> void trim(ArrayDeque<T> q) {
        while (q.size() > HISTORY) {
            q.removeFirst();
        }
    }

    /** Stops the periodic evaluation; an evaluation in progress is interrupted (its retry pauses end). */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (thread != null) {
                thread.shutdownNow();
                thread = null;
            }
        }
    }
}
