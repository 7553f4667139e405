package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.RecoveryConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** The engine's {@link DisasterRecoveryCoordinator}. Thread-safe. */
public final class RecoveryCenter implements DisasterRecoveryCoordinator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryCenter.class);
    static final Duration DETECTION_INTERVAL = Duration.ofSeconds(2);
    /** An automatic run of a plan is not started again within this time. */
    static final Duration AUTOMATIC_QUIET = Duration.ofMinutes(10);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ScalingEngine engine;
    private final RecoveryConfig config;
    private final Clock clock;
    private final RunJournal journal;
    private final SignalWatch signals;
    private final ExecutorService attempts = Executors.newCachedThreadPool(new NamedThreads("scaledeck-recovery-step"));
    private final AtomicReference<PlanLoader.Loaded> loaded = new AtomicReference<>(new PlanLoader.Loaded(List.of(), List.of()));
    private final AtomicReference<RunbookRun> current = new AtomicReference<>();
    private final AtomicReference<ManagedDatabase> database = new AtomicReference<>();
    private final AtomicReference<Approver> operator = new AtomicReference<>(Approver.NEVER);
    private final AtomicBoolean evaluating = new AtomicBoolean();
    private final Map<String, Instant> automaticStarts = new HashMap<>();
    private volatile RecoveryMode mode;
    private volatile List<DetectedScenario> detected = List.of();

    public RecoveryCenter(ScalingEngine engine, RecoveryConfig config, Clock clock) {
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.mode = config.mode();
        this.journal = new RunJournal(engine.config().home().resolve("recovery").resolve("runs"));
        this.signals = new SignalWatch(engine, clock);
        reload();
    }

    /** Evaluates the signals every 2 s on {@code scheduler}, the work itself on {@code io}. */
    public void startDetection(ScheduledExecutorService scheduler, ExecutorService io) {
        scheduler.scheduleWithFixedDelay(() -> {
            if (evaluating.compareAndSet(false, true)) {
                try {
                    io.execute(this::evaluate);
                } catch (RuntimeException e) {
                    evaluating.set(false);
                }
            }
        }, DETECTION_INTERVAL.toMillis(), DETECTION_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The database server, when the environment runs it: start-database steps and database-down drills use it. */
    public void useManagedDatabase(ManagedDatabase managed) {
        database.set(managed);
    }

    /** Who answers the approvals of automatic runs (the window); without one they are refused. */
    public void useOperatorApprover(Approver approver) {
        operator.set(approver);
    }

    @Override
    public List<RecoveryPlan> plans() {
        return loaded.get().plans();
    }

    @Override
    public List<PlanProblem> problems() {
        return loaded.get().problems();
    }

    @Override
    public Optional<RecoveryPlan> plan(String id) {
        return plans().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public void reload() {
        PlanLoader.Loaded next = PlanLoader.loadAll(config.directory());
        loaded.set(next);
        next.problems().forEach(p -> LOG.warn("Runbook not loaded: {}", p.describe()));
    }

    @Override
    public List<Signal> signals() {
        return signals.current();
    }

    @Override
    public List<DetectedScenario> detect(Collection<String> names) {
        Instant now = clock.instant();
        return match(names.stream().distinct().map(n -> new Signal(n, "given", n, now)).toList());
    }

    private List<DetectedScenario> match(List<Signal> seen) {
        Set<String> names = seen.stream().map(Signal::name).collect(Collectors.toSet());
        List<DetectedScenario> found = new ArrayList<>();
        for (RecoveryPlan p : plans()) {
            if (names.containsAll(p.signals())) {
                List<Signal> matched = seen.stream().filter(s -> p.signals().contains(s.name())).toList();
                Instant since = matched.stream().map(Signal::since).min(Comparator.naturalOrder()).orElse(clock.instant());
                found.add(new DetectedScenario(p.id(), p.name(), matched, since));
            }
        }
        found.sort(Comparator.comparing((DetectedScenario d) -> plan(d.planId()).map(p -> p.signals().size()).orElse(0))
                .reversed().thenComparing(DetectedScenario::planId));
        return List.copyOf(found);
    }

    @Override
    public List<DetectedScenario> detected() {
        return detected;
    }

    /** One round of continuous detection: signals, matched plans, events, and automatic runs. */
    void evaluate() {
        try {
            List<DetectedScenario> before = detected;
            List<DetectedScenario> now = match(signals.evaluateNow());
            detected = now;
            Set<String> was = before.stream().map(DetectedScenario::planId).collect(Collectors.toSet());
            Set<String> is = now.stream().map(DetectedScenario::planId).collect(Collectors.toSet());
            for (DetectedScenario d : now) {
                if (!was.contains(d.planId())) {
                    event("detected", d.planId(), "Scenario for " + d.planName() + " detected: "
                            + d.signals().stream().map(Signal::message).collect(Collectors.joining("; "))
                            + (mode == RecoveryMode.AUTOMATIC ? "" : " (run it from Disaster recovery or `scaledeck dr run "
                            + d.planId() + " --execute`)"));
                    startAutomatically(d);
                }
            }
            before.stream().filter(d -> !is.contains(d.planId())).forEach(d ->
                    event("cleared", d.planId(), "Scenario for " + d.planName() + " no longer detected"));
        } catch (RuntimeException e) {
            LOG.warn("Disaster detection failed; the next round runs as scheduled", e);
        } finally {
            evaluating.set(false);
        }
    }

    private void startAutomatically(DetectedScenario d) {
        if (mode != RecoveryMode.AUTOMATIC || current.get() != null) {
            return;
        }
        Instant now = clock.instant();
        synchronized (automaticStarts) {
            Instant last = automaticStarts.get(d.planId());
            if (last != null && Duration.between(last, now).compareTo(AUTOMATIC_QUIET) < 0) {
                return;
            }
            automaticStarts.put(d.planId(), now);
        }
        try {
            start(d.planId(), RunMode.EXECUTE, Map.of(), operator.get(), "automatic");
        } catch (RuntimeException e) {
            event("automatic-refused", d.planId(), "Could not start " + d.planName() + " automatically: " + e.getMessage());
        }
    }

    @Override
    public RecoveryMode mode() {
        return mode;
    }

    @Override
    public void setMode(RecoveryMode next) {
        RecoveryMode previous = mode;
        mode = java.util.Objects.requireNonNull(next, "mode");
        if (previous != next) {
            event("mode", "recovery", "Disaster recovery mode " + previous.label() + " -> " + next.label());
        }
    }

    @Override
    public RecoveryRun start(String planId, RunMode runMode, Map<String, String> parameters, Approver approver, String who) {
        RecoveryPlan plan = plan(planId).orElseThrow(() -> new IllegalArgumentException("no plan " + planId
                + "; the plans are " + plans().stream().map(RecoveryPlan::id).collect(Collectors.joining(", "))));
        for (String name : parameters.keySet()) {
            if (!plan.parameters().containsKey(name)) {
                throw new IllegalArgumentException("plan " + planId + " has no parameter " + name
                        + (plan.parameters().isEmpty() ? "; it takes none" : "; its parameters are "
                        + String.join(", ", plan.parameters().keySet())));
            }
        }
        Optional<FaultDrill> drill = Optional.empty();
        if (runMode == RunMode.DRILL) {
            DrillFault fault = plan.drill().orElseThrow(() -> new IllegalStateException("plan " + planId
                    + " has no drill: its YAML names no drill.fault"));
            drill = Optional.of(DrillFaults.create(fault, engine, Optional.ofNullable(database.get())));
        }
        String id = runId(plan, runMode);
        Map<String, String> values = new LinkedHashMap<>(plan.parameters());
        values.putAll(parameters);
        values.put("run.id", id);
        values.put("plan.id", plan.id());
        values.put("mode", runMode.label());
        engine.platform().ifPresent(p -> values.put("replicas-at-start", Integer.toString(p.replicas().desired())));
        if (runMode == RunMode.EXECUTE) {
            List<String> missing = plan.parameters().keySet().stream().filter(k -> values.get(k).isEmpty()).sorted().toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("plan " + planId + " needs " + missing.stream()
                        .map(m -> "--param " + m + "=VALUE").collect(Collectors.joining(" ")));
            }
        }
        RunbookRun run = new RunbookRun(id, plan, runMode, values, approver, who, drill,
                new RunbookRun.Setup(engine, Optional.ofNullable(database.get()), journal, attempts, signals, clock));
        if (!current.compareAndSet(null, run)) {
            throw new IllegalStateException("another run is under way: " + current.get().progress().runId()
                    + "; wait for it or cancel it first");
        }
        RunbookRun started = run;
        started.whenEnded(() -> current.compareAndSet(started, null));
        Thread t = new NamedThreads("scaledeck-recovery-run").newThread(started::run);
        t.start();
        return started;
    }

    private synchronized String runId(RecoveryPlan plan, RunMode runMode) {
        String base = RUN_TIME.format(clock.instant()) + "-" + plan.id() + "-" + runMode.label();
        String id = base;
        for (int n = 2; journal.exists(id) || (current.get() != null && current.get().id().equals(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    @Override
    public Optional<RecoveryRun> current() {
        return Optional.ofNullable(current.get());
    }

    @Override
    public List<RunbookProgress> history() {
        RunbookRun running = current.get();
        List<RunbookProgress> runs = new ArrayList<>(journal.readAll());
        if (running != null) {
            RunbookProgress live = running.progress();
            runs.removeIf(r -> r.runId().equals(live.runId()));
            runs.add(0, live);
        }
        return List.copyOf(runs);
    }

    @Override
    public Optional<RunbookProgress> lastDrill(String planId) {
        return history().stream()
                .filter(r -> r.planId().equals(planId) && r.mode() == RunMode.DRILL && r.succeeded() && r.measured().isPresent())
                .findFirst();
    }

    @Override
    public ImpactAssessment assess() {
        ImpactAssessor assessor = new ImpactAssessor(() -> engine.backups().list(), this::countUsers,
                engine.backups().config().userTable(), this::lastDrill, clock);
        return assessor.assess(plans());
    }

    private Long countUsers(String query) {
        try {
            return engine.pool().withConnection(c -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.setQueryTimeout(10);
                    try (java.sql.ResultSet rs = st.executeQuery(query)) {
                        if (!rs.next()) {
                            throw new java.sql.SQLException("the query returned no row");
                        }
                        return rs.getLong(1);
                    }
                }
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void event(String type, String subject, String message) {
        engine.journal().record(new EngineEvent(clock.instant(), "recovery", type, subject, message));
    }

    /** Cancels a run under way and waits briefly for it to record itself. */
    @Override
    public void close() {
        RunbookRun run = current.get();
        if (run != null) {
            run.cancel();
            try {
                run.result().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Recovery run {} did not end within 5 s of the engine stopping; its journal shows it interrupted",
                        run.id());
            }
        }
        attempts.shutdownNow();
    }
}
