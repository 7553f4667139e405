package dev.scaledeck.engine;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.AlertNotifier;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.balancer.BalancedHttpClient;
import dev.scaledeck.engine.balancer.HealthProber;
import dev.scaledeck.engine.balancer.InstanceMonitor;
import dev.scaledeck.engine.balancer.LoadBalancer;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.config.ServiceSpec;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.failover.DatabaseFailover;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.failover.HttpFailover;
import dev.scaledeck.engine.config.HttpFailoverSpec;
import dev.scaledeck.engine.health.DatabaseCheck;
import dev.scaledeck.engine.health.DiskSpaceCheck;
import dev.scaledeck.engine.health.HealthCheckService;
import dev.scaledeck.engine.health.HttpServiceCheck;
import dev.scaledeck.engine.health.MemoryCheck;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.pool.ResourceMonitor;
import dev.scaledeck.engine.config.AutoScalingConfig;
import dev.scaledeck.engine.scaling.AutoScaler;
import dev.scaledeck.engine.scaling.DatabaseConnectionBudget;
import dev.scaledeck.engine.scaling.InstanceStatusSource;
import dev.scaledeck.engine.scaling.PlatformDiscovery;
import dev.scaledeck.engine.loadtest.LoadTester;
import dev.scaledeck.engine.loadtest.PerformanceMonitor;
import dev.scaledeck.engine.loadtest.PerformanceWatch;
import dev.scaledeck.engine.loadtest.ReportWriter;
import dev.scaledeck.engine.loadtest.StressTester;
import dev.scaledeck.engine.scaling.platform.RemotePlatforms;
import dev.scaledeck.engine.config.Platform;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root: builds every engine component from the configuration and the targets
 * it is given (a database URL and instance URLs), owns their threads, and closes them in
 * reverse order. It does not know whether the targets are embedded. Thread-safe.
 */
public final class ScalingEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScalingEngine.class);
    private static final int JOURNAL_CAPACITY = 5_000;
    private static final int ALERT_HISTORY = 500;
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);
    /** Alert notifications still queued at close get this long to go out. */
    private static final Duration NOTIFY_CLOSE_WAIT = Duration.ofSeconds(2);

    private final ScalingConfig config;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService io;
    private final EventJournal journal;
    private final AlertCenter alerts;
    /** Sends alerts to the configured webhook; null until {@link #startNotifications()}, or with none configured. */
    private final java.util.concurrent.atomic.AtomicReference<AlertNotifier> notifier =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final ConnectionPool pool;
    private final DatabaseFailover databaseFailover;
    private final java.util.Map<String, HttpFailover> httpFailovers = new java.util.LinkedHashMap<>();
    private final ResourceMonitor resources;
    private final InstanceMonitor instances;
    private final HealthCheckService health;
    private final LoadBalancer balancer;
    private final HealthProber prober;
    private final BalancedHttpClient cluster;
    private final BackupCenter backups;
    private final AutoScaler autoScaler;
    private final LoadTester loadTester;
    private final StressTester stressTester;
    private final PerformanceWatch performance;
    private final dev.scaledeck.engine.recovery.RecoveryCenter recovery;
    private final java.util.concurrent.atomic.AtomicReference<AutoCloseable> remoteClose =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<ScalingPlatform> platform =
            new java.util.concurrent.atomic.AtomicReference<>();

    private ScalingEngine(ScalingConfig config, DatabaseUrl database, List<InstanceSpec> initialInstances, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.scheduler = new ScheduledThreadPoolExecutor(2, new NamedThreads("scaledeck-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.io = Executors.newCachedThreadPool(new NamedThreads("scaledeck-io"));
        this.journal = new EventJournal(JOURNAL_CAPACITY, config.journalFile());
        this.alerts = new AlertCenter(clock, journal, ALERT_HISTORY);
        if (config.secondaryDatabase().isPresent()) {
            this.databaseFailover = new DatabaseFailover("database", database, config.secondaryDatabase().get(),
                    config.pool(), config.failover(), clock, journal);
            this.pool = null;
        } else {
            this.databaseFailover = null;
            this.pool = new ConnectionPool("scaledeck", database, config.pool(), clock);
        }
        this.resources = new ResourceMonitor(this::pool, alerts, config.monitor(), clock);
        for (HttpFailoverSpec spec : config.httpFailovers()) {
            httpFailovers.put(spec.name(), new HttpFailover(spec.name(), spec.primary(), spec.secondary(),
                    config.failover(), clock, journal));
        }
        this.instances = new InstanceMonitor(clock, journal, Duration.ofSeconds(1), io);
        this.balancer = new LoadBalancer(config.balancer(), clock, journal);
        this.prober = new HealthProber(balancer, io);
        this.cluster = new BalancedHttpClient(balancer, io);
        initialInstances.forEach(this::addInstance);
        // Its own thread: a round waits for slow checks, which must not delay the resource monitor.
        this.health = new HealthCheckService(config.health(), clock, alerts, journal);
        health.register(new DatabaseCheck("database", this::pool, config.health(), clock));
        health.register(new MemoryCheck(config.health(), clock));
        health.register(new DiskSpaceCheck(config.home(), config.health(), clock));
        for (ServiceSpec service : config.healthServices()) {
            health.register(new HttpServiceCheck(service.name(), service.url(), false, config.health(), clock));
        }
        this.backups = new BackupCenter(config.backup(), () -> pool().database(), config.home().resolve("pitr"),
                alerts, journal, clock);
        AutoScalingConfig scaling = config.autoScaling();
        this.autoScaler = AutoScaler.create(scaling.rules(), scaling.mode(), scaling.interval(),
                new InstanceStatusSource(instances, clock),
                new DatabaseConnectionBudget(this::pool, scaling.instancePoolSize(), scaling.connectionReserve(), clock),
                this::platform, journal, alerts, clock);
        this.loadTester = new LoadTester(this::pool, cluster, clock, new ReportWriter(config.home().resolve("reports")));
        this.stressTester = new StressTester(loadTester::start, clock);
        this.performance = new PerformanceWatch(loadTester::running,
                new PerformanceMonitor(alerts, config.monitor().loadTestLatency()));
        this.recovery = new dev.scaledeck.engine.recovery.RecoveryCenter(this, config.recovery(), clock);
    }

    /**
     * Builds and starts the engine.
     *
     * @param database  the database the pool connects to
     * @param instances the application's instances (more can be added at runtime)
     */
    public static ScalingEngine start(ScalingConfig config, DatabaseUrl database, List<InstanceSpec> instances,
                                      Clock clock) {
        ScalingEngine engine = new ScalingEngine(config, database, instances, clock);
        engine.resources.start(engine.scheduler);
        engine.instances.start(engine.scheduler);
        engine.prober.start(engine.scheduler);
        if (engine.databaseFailover != null) {
            engine.databaseFailover.start(engine.scheduler);
        }
        engine.httpFailovers.values().forEach(f -> f.start(engine.scheduler));
        engine.scheduler.scheduleAtFixedRate(engine::tickBalancer, 100, 100, TimeUnit.MILLISECONDS);
        engine.scheduler.scheduleAtFixedRate(engine::watchLoadTests, 1, 1, TimeUnit.SECONDS);
        engine.health.startPeriodicChecks(config.health().checkInterval());
        engine.recovery.startDetection(engine.scheduler, engine.io);
        if (config.autoScaling().platform() != Platform.LOCAL) {
            engine.connectRemotePlatform();
        }
        engine.journal.record(new EngineEvent(clock.instant(), "engine", "started", "engine",
                "Engine started on " + database.masked() + " with " + instances.size() + " instance(s)"));
        return engine;
    }

    public ScalingConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The database connection pool ({@code withConnection}, {@code stats}). With a standby
     * database configured, this is the pool to the database that takes work now: ask again
     * rather than keeping it.
     */
    public ConnectionPool pool() {
        return databaseFailover != null ? databaseFailover.pool() : pool;
    }

    /**
     * An HTTP service with a standby, by its configured name: {@code execute(request)} sends to
     * whichever endpoint is active, with bounded retries.
     */
    public java.util.Optional<HttpFailover> httpFailover(String name) {
        return java.util.Optional.ofNullable(httpFailovers.get(name));
    }

    /** Every failover the engine runs (the database's first), as snapshots. */
    public List<FailoverSnapshot> failovers() {
        List<FailoverSnapshot> all = new java.util.ArrayList<>();
        databaseFailover().ifPresent(all::add);
        httpFailovers.values().forEach(f -> all.add(f.snapshot()));
        return List.copyOf(all);
    }

    /** The database failover's state, when a standby database is configured. */
    public java.util.Optional<FailoverSnapshot> databaseFailover() {
        return databaseFailover == null ? java.util.Optional.empty() : java.util.Optional.of(databaseFailover.snapshot());
    }

    /**
     * Checks the database and its standby now and fails over if the active one is down, as the
     * periodic check would; empty when no standby database is configured.
     */
    public java.util.Optional<FailoverSnapshot> checkDatabaseFailover() {
        return databaseFailover == null ? java.util.Optional.empty() : java.util.Optional.of(databaseFailover.checkNow());
    }

    /** Pool and JVM samples and their alerts. */
    public ResourceMonitor resources() {
        return resources;
    }

    public AlertCenter alerts() {
        return alerts;
    }

    public EventJournal journal() {
        return journal;
    }

    /**
     * Backups: {@code createUserBackup(userId)}, full backups, verify, preview and restore,
     * point-in-time recovery (once {@link BackupCenter#useClusterFiles} said where the cluster's
     * files are), schedules, retention and the RPO watch.
     */
    public BackupCenter backups() {
        return backups;
    }

    /**
     * The auto-scaler: {@code record(InstanceMetrics)} as the seed's {@code addMetric},
     * {@code evaluateNow()}, decisions with reasons, mode, rules, {@code scaleTo(n, who)}. Its
     * periodic evaluation runs once {@code start()} is called (the window and
     * {@code scaledeck autoscale} do; one-shot commands do not).
     */
    public AutoScaler autoScaler() {
        return autoScaler;
    }

    /**
     * Load tests: {@code start(LoadTestPlan)} returns a run with a live snapshot, a stop and the
     * report, written under {@code HOME/reports}. While one runs, its error rate and p99 are
     * watched and alerted on.
     */
    public LoadTester loadTester() {
        return loadTester;
    }

    /** Stress tests: load in steps until the system breaks ({@code runBasicStressTest(url)}, {@code start(plan)}). */
    public StressTester stressTester() {
        return stressTester;
    }

    /**
     * Disaster recovery ({@code engine.recovery()}): the runbooks, continuous detection
     * ({@code detect(signals)}, {@code detected()}), runs in dry-run, drill or execute mode
     * ({@code start}, the seed's {@code execute(planId, mode)}), their history and the impact assessment.
     */
    public dev.scaledeck.engine.recovery.RecoveryCenter recovery() {
        return recovery;
    }

    /** The application's instances and their health. */
    public InstanceMonitor instances() {
        return instances;
    }

    /**
     * Tells the engine where the instances run, so it can stop and start them (the environment
     * supplies it once its instances are up).
     */
    public void usePlatform(ScalingPlatform newPlatform) {
        platform.set(java.util.Objects.requireNonNull(newPlatform, "platform"));
        journal.record(new EngineEvent(clock.instant(), "engine", "platform", newPlatform.name(),
                "Instances run on the " + newPlatform.name() + " platform"));
    }

    /**
     * Sets up the configured Kubernetes, Swarm or Vercel platform. A platform that cannot be set up
     * (no kubeconfig, a bad Docker host, an unwritable vercel.json) is an alert and an event; the
     * engine runs on, watching the instances it has, and the auto-scaler says why it cannot act.
     */
    private void connectRemotePlatform() {
        String name = config.autoScaling().platform().id();
        try {
            RemotePlatforms.Connected connected = RemotePlatforms.connect(config.autoScaling(), clock);
            connected.notes().forEach(note -> journal.record(new EngineEvent(clock.instant(), "scaling", "platform",
                    name, note)));
            connected.metrics().ifPresent(autoScaler::useMetricsSource);
            usePlatform(connected.platform());
            if (connected.platform().discoversInstances()) {
                PlatformDiscovery discovery = new PlatformDiscovery(connected.platform(), this::addInstance,
                        this::removeInstance);
                scheduler.scheduleWithFixedDelay(() -> io.execute(discovery::sync), 0,
                        DISCOVERY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (connected.platform() instanceof AutoCloseable closeable) {
                remoteClose.set(closeable);
            }
        } catch (Exception | NoClassDefFoundError e) {
            String why = "the " + name + " platform could not be set up: " + e.getMessage();
            LOG.warn("{}", why, e);
            alerts.raise("scaling.platform", dev.scaledeck.engine.alert.Severity.CRITICAL, "scaling", why);
            autoScaler.explainMissingPlatform(why);
        }
    }

    /** Where the instances run, when the engine may act on them; empty for instances it only watches. */
    public java.util.Optional<ScalingPlatform> platform() {
        return java.util.Optional.ofNullable(platform.get());
    }

    private void watchLoadTests() {
        try {
            performance.tick();
        } catch (RuntimeException e) {
            LOG.warn("Load test watch failed; the next one runs as scheduled", e);
        }
    }

    /**
     * Sends alerts to the configured webhook from now on, the ones already active included; does
     * nothing without {@code notify.webhook} or when called again. The window and long-running
     * commands call it; one-shot commands do not, or every {@code status} would send the same
     * alerts again.
     */
    public void startNotifications() {
        if (!config.notifications().enabled() || closed.get()) {
            return;
        }
        AlertNotifier created = AlertNotifier.create(config.notifications(), clock);
        if (!notifier.compareAndSet(null, created)) {
            created.close(Duration.ZERO);
            return;
        }
        alerts.addListener(created);
        alerts.active().forEach(created); // raised before now; one already sent is not sent twice
        scheduler.scheduleAtFixedRate(this::flushNotifications, 5, 5, TimeUnit.SECONDS);
        LOG.info("Alerts at or above {} go to the webhook at {}", config.notifications().minSeverity(), created.host());
    }

    private void flushNotifications() {
        try {
            notifier.get().flush();
        } catch (RuntimeException e) {
            LOG.warn("Alert notification flush failed; the next one runs as scheduled", e);
        }
    }

    private void tickBalancer() {
        try {
            balancer.tick();
        } catch (RuntimeException e) {
            LOG.warn("Balancer tick failed; the next one runs as scheduled", e);
        }
    }

    /** Adds an instance: the balancer sends it traffic (through slow start) once its probes pass. */
    public void addInstance(InstanceSpec spec) {
        instances.add(spec);
        balancer.add(spec);
    }

    /** Removes an instance: it takes no new requests, and is forgotten once its in-flight requests end. */
    public CompletableFuture<Void> removeInstance(String id) {
        instances.remove(id);
        return balancer.remove(id);
    }

    /**
     * Probes every instance's {@code /health} once now, as the periodic probes do; for one-shot
     * commands that cannot wait for the schedule.
     */
    public CompletableFuture<Void> probeInstances() {
        return prober.probeAll();
    }

    /** Which instance takes the next request, and why the others do not. */
    public LoadBalancer balancer() {
        return balancer;
    }

    /** Sends requests to the application through the balancer ("the cluster"). */
    public BalancedHttpClient cluster() {
        return cluster;
    }

    /** The seed's health checks: database, memory, disk space, external services; UP / DEGRADED / DOWN. */
    public HealthCheckService health() {
        return health;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops sampling and probing, shuts the pool down gracefully (in-flight work may finish
     * within the configured bound) and closes the journal. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        journal.record(new EngineEvent(clock.instant(), "engine", "stopping", "engine", "Engine stopping"));
        recovery.close();
        autoScaler.close();
        loadTester.close();
        AutoCloseable remote = remoteClose.getAndSet(null);
        if (remote != null) {
            try {
                remote.close();
            } catch (Exception e) {
                LOG.warn("Closing the scaling platform failed", e);
            }
        }
        backups.close();
        instances.close();
        prober.close();
        health.close();
        resources.close();
        scheduler.shutdown();
        io.shutdown();
        balancer.close();
        httpFailovers.values().forEach(HttpFailover::close);
        if (databaseFailover != null) {
            databaseFailover.close();
        } else {
            pool.close();
        }
        try {
            if (!scheduler.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Engine scheduler still busy after 2s; interrupting it");
                scheduler.shutdownNow();
            }
            if (!io.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Engine I/O threads still busy after 2s; interrupting them");
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdownNow();
            io.shutdownNow();
        }
        AlertNotifier sending = notifier.get();
        if (sending != null) {
            sending.close(NOTIFY_CLOSE_WAIT);
        }
        journal.record(new EngineEvent(clock.instant(), "engine", "stopped", "engine", "Engine stopped"));
        journal.close();
        LOG.info("Engine stopped");
    }
}
