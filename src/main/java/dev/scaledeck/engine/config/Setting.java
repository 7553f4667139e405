package dev.scaledeck.engine.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration setting ScaleDeck reads: its key in {@code scaledeck.yaml} and in
 * {@code --set key=value}, its environment variable, its default and what it means.
 * The README's configuration table lists exactly these (a test keeps them in step).
 */
public enum Setting {
    HOME("home", "SCALEDECK_HOME", "~/.scaledeck",
            "Data directory: embedded database, WAL archive, backups, reports, event journal."),
    DATABASE_URL("database.url", "DATABASE_URL", "",
            "A real PostgreSQL (jdbc:postgresql://... or postgres://user:pass@host:port/db). Empty: start the embedded one."),
    POOL_MAX("pool.maxConnections", "SUPABASE_MAX_CONNECTIONS", "20",
            "Most connections the pool opens."),
    POOL_MIN("pool.minConnections", "SUPABASE_MIN_CONNECTIONS", "2",
            "Idle connections the pool keeps ready."),
    POOL_ACQUIRE_TIMEOUT("pool.acquireTimeout", "SCALEDECK_POOL_ACQUIRE_TIMEOUT", "30s",
            "How long a caller waits for a connection before it gets an error."),
    POOL_IDLE_TIMEOUT("pool.idleTimeout", "SCALEDECK_POOL_IDLE_TIMEOUT", "300s",
            "Idle connections above the minimum are closed after this long."),
    POOL_LEAK_DETECTION("pool.leakDetection", "SCALEDECK_POOL_LEAK_DETECTION", "60s",
            "A connection held longer than this is reported as a possible leak (0s: off)."),
    POOL_SHUTDOWN_TIMEOUT("pool.shutdownTimeout", "SCALEDECK_POOL_SHUTDOWN_TIMEOUT", "10s",
            "On shutdown, how long in-flight work may finish before connections are closed."),
    INSTANCES("balancer.instances", "LOAD_BALANCER_INSTANCES", "",
            "JSON list of instances [{\"id\",\"url\",\"weight\"}]. Unset: start the embedded sample instances; [] means none."),
    STRATEGY("balancer.strategy", "SCALEDECK_BALANCER_STRATEGY", "smooth-weighted-round-robin",
            "How the balancer picks: smooth-weighted-round-robin, least-connections or round-robin."),
    SLOW_START("balancer.slowStart", "SCALEDECK_SLOW_START", "30s",
            "A new or restored instance ramps from a tenth of its weight to full over this long (0s: off)."),
    PROBE_INTERVAL("balancer.probeInterval", "SCALEDECK_PROBE_INTERVAL", "2s",
            "How often every instance's GET /health is probed."),
    PROBE_TIMEOUT("balancer.probeTimeout", "SCALEDECK_PROBE_TIMEOUT", "1s",
            "A probe that takes longer fails."),
    UNHEALTHY_THRESHOLD("balancer.unhealthyThreshold", "SCALEDECK_UNHEALTHY_THRESHOLD", "3",
            "Consecutive failed probes that take an instance out."),
    HEALTHY_THRESHOLD("balancer.healthyThreshold", "SCALEDECK_HEALTHY_THRESHOLD", "2",
            "Consecutive good probes that bring it back."),
    OUTLIER_FAILURES("balancer.outlierFailures", "SCALEDECK_OUTLIER_FAILURES", "5",
            "Consecutive 5xx, connect or timeout failures of real requests that eject an instance."),
    EJECTION_TIME("balancer.ejectionTime", "SCALEDECK_EJECTION_TIME", "30s",
            "First ejection lasts this long; each repeat doubles it ..."),
    MAX_EJECTION_TIME("balancer.maxEjectionTime", "SCALEDECK_MAX_EJECTION_TIME", "5m",
            "... up to this."),
    MAX_EJECTED_PERCENT("balancer.maxEjectedPercent", "SCALEDECK_MAX_EJECTED_PERCENT", "50",
            "Never eject more than this share (%) of the instances."),
    PANIC_MODE("balancer.panicMode", "SCALEDECK_PANIC_MODE", "fail-fast",
            "With no healthy instance: fail-fast (a clear error) or spread (over all instances)."),
    BREAKER_FAILURE_RATE("balancer.breakerFailureRate", "SCALEDECK_BREAKER_FAILURE_RATE", "50",
            "An instance's circuit breaker opens when this share (%) of its recent calls fail."),
    BREAKER_OPEN_WAIT("balancer.breakerOpenWait", "SCALEDECK_BREAKER_OPEN_WAIT", "30s",
            "An open breaker lets trial calls through after this long."),
    HEALTH_INTERVAL("health.interval", "SCALEDECK_HEALTH_INTERVAL", "30s",
            "How often the health checks (database, memory, disk, services) run."),
    HEALTH_SERVICES("health.services", "SCALEDECK_HEALTH_SERVICES", "",
            "JSON list of external HTTP services to check: [{\"name\",\"url\"}]."),
    DATABASE_SECONDARY_URL("failover.databaseSecondaryUrl", "DATABASE_SECONDARY_URL", "",
            "A standby database the pool fails over to when the primary stops answering (same forms as DATABASE_URL)."),
    HTTP_FAILOVER("failover.http", "SCALEDECK_HTTP_FAILOVER", "",
            "HTTP services with a standby: [{\"name\",\"primary\",\"secondary\"}] (base URLs; /health is checked)."),
    FAILOVER_AFTER("failover.failAfter", "SCALEDECK_FAILOVER_AFTER", "3",
            "Consecutive failed checks of the active endpoint before failing over."),
    FAILBACK_AFTER("failover.failBackAfter", "SCALEDECK_FAILBACK_AFTER", "5",
            "Consecutive healthy checks of the primary before failing back."),
    FAILOVER_CHECK_INTERVAL("failover.checkInterval", "SCALEDECK_FAILOVER_CHECK_INTERVAL", "5s",
            "How often failover endpoints are checked."),
    PLATFORM("scaling.platform", "DEPLOYMENT_PLATFORM", "local",
            "Where scaling acts: local, kubernetes, docker-swarm or vercel."),
    SCALE_UP_CPU("scaling.scaleUp.cpu", "SCALEDECK_SCALE_UP_CPU", "80",
            "Scale up when CPU use (%) reaches this."),
    SCALE_UP_MEMORY("scaling.scaleUp.memory", "SCALEDECK_SCALE_UP_MEMORY", "85",
            "Scale up when memory use (%) reaches this."),
    SCALE_UP_CONNECTIONS("scaling.scaleUp.connections", "SCALEDECK_SCALE_UP_CONNECTIONS", "100",
            "Scale up when active connections per instance reach this."),
    SCALE_UP_RESPONSE_TIME("scaling.scaleUp.responseTime", "SCALEDECK_SCALE_UP_RESPONSE_TIME", "2000ms",
            "Scale up when response time reaches this."),
    SCALE_DOWN_CPU("scaling.scaleDown.cpu", "SCALEDECK_SCALE_DOWN_CPU", "30",
            "Scale down only when CPU use (%) is below this ..."),
    SCALE_DOWN_MEMORY("scaling.scaleDown.memory", "SCALEDECK_SCALE_DOWN_MEMORY", "40",
            "... and memory use (%) is below this ..."),
    SCALE_DOWN_CONNECTIONS("scaling.scaleDown.connections", "SCALEDECK_SCALE_DOWN_CONNECTIONS", "20",
            "... and active connections per instance are below this ..."),
    SCALE_DOWN_RESPONSE_TIME("scaling.scaleDown.responseTime", "SCALEDECK_SCALE_DOWN_RESPONSE_TIME", "500ms",
            "... and response time is below this."),
    MIN_INSTANCES("scaling.minInstances", "SCALEDECK_MIN_INSTANCES", "1",
            "Fewest instances the auto-scaler keeps."),
    MAX_INSTANCES("scaling.maxInstances", "SCALEDECK_MAX_INSTANCES", "10",
            "Most instances the auto-scaler starts."),
    COOLDOWN("scaling.cooldown", "SCALEDECK_SCALING_COOLDOWN", "5m",
            "No further scaling for this long after a change."),
    SCALING_POLICY("scaling.policy", "SCALEDECK_SCALING_POLICY", "threshold",
            "How the desired count is computed: threshold (the seed's) or target-tracking (Kubernetes HPA's)."),
    SCALING_TARGETS("scaling.targets", "SCALEDECK_SCALING_TARGETS", "cpu=70,memory=80",
            "Target tracking: the per-instance value to hold, per metric (cpu, memory, connections, response-time in ms)."),
    SCALING_TOLERANCE("scaling.tolerance", "SCALEDECK_SCALING_TOLERANCE", "10",
            "Target tracking: no change while value / target is within this many % of 1."),
    SCALING_SUSTAIN("scaling.sustainSamples", "SCALEDECK_SCALING_SUSTAIN", "2",
            "Threshold policy: a crossing counts after this many evaluations in a row."),
    SCALING_MODE("scaling.mode", "SCALEDECK_SCALING_MODE", "apply",
            "apply: the auto-scaler changes the replica count; recommend: it only says what it would do."),
    SCALING_INTERVAL("scaling.interval", "SCALEDECK_SCALING_INTERVAL", "15s",
            "How often the auto-scaler evaluates."),
    SCALE_DOWN_STABILIZATION("scaling.scaleDownStabilization", "SCALEDECK_SCALE_DOWN_STABILIZATION", "5m",
            "Scale down only to the highest count recommended within this window."),
    SCALE_UP_STABILIZATION("scaling.scaleUpStabilization", "SCALEDECK_SCALE_UP_STABILIZATION", "0s",
            "Scale up only to the lowest count recommended within this window."),
    MAX_STEP_UP("scaling.maxStepUp", "SCALEDECK_MAX_STEP_UP", "4",
            "At most this many instances added per rate period ..."),
    MAX_STEP_UP_PERCENT("scaling.maxStepUpPercent", "SCALEDECK_MAX_STEP_UP_PERCENT", "100",
            "... or this % of the count at the period's start, whichever allows more."),
    MAX_STEP_DOWN("scaling.maxStepDown", "SCALEDECK_MAX_STEP_DOWN", "1",
            "At most this many instances removed per rate period."),
    RATE_PERIOD("scaling.ratePeriod", "SCALEDECK_RATE_PERIOD", "1m",
            "The period the step limits count over."),
    WARMUP("scaling.warmup", "SCALEDECK_SCALING_WARMUP", "30s",
            "A new instance is not counted as capacity, and its metrics are not used, for this long."),
    SCALING_METRICS("scaling.metrics", "SCALEDECK_SCALING_METRICS", "instances",
            "Where metrics come from: instances (each one's /metrics, JSON or Prometheus text) or kubernetes (metrics API)."),
    INSTANCE_POOL_SIZE("scaling.instancePoolSize", "SCALEDECK_INSTANCE_POOL_SIZE", "20",
            "Connection budget: connections each instance's pool may hold."),
    CONNECTION_RESERVE("scaling.connectionReserve", "SCALEDECK_CONNECTION_RESERVE", "10",
            "Connection budget: connections kept free below the database's max_connections."),
    K8S_NAMESPACE("kubernetes.namespace", "SCALEDECK_K8S_NAMESPACE", "",
            "Namespace of the Deployment. Empty: the kubeconfig's."),
    K8S_DEPLOYMENT("kubernetes.deployment", "SCALEDECK_K8S_DEPLOYMENT", "n8n-converter",
            "The Deployment the kubernetes platform scales."),
    K8S_CONTEXT("kubernetes.context", "SCALEDECK_K8S_CONTEXT", "",
            "kubeconfig context. Empty: the current one."),
    K8S_PORT("kubernetes.port", "SCALEDECK_K8S_PORT", "8080",
            "Port the pods serve on; the balancer sends to podIP:port."),
    SWARM_HOST("swarm.host", "DOCKER_HOST", "unix:///var/run/docker.sock",
            "Docker Engine API of the Swarm manager: unix:///path or tcp://host:port."),
    SWARM_SERVICE("swarm.service", "SCALEDECK_SWARM_SERVICE", "n8n-converter",
            "The Swarm service the docker-swarm platform scales."),
    SWARM_PORT("swarm.port", "SCALEDECK_SWARM_PORT", "8080",
            "Port the service's tasks serve on; the balancer sends to taskIP:port."),
    VERCEL_FUNCTIONS("vercel.functions", "SCALEDECK_VERCEL_FUNCTIONS", "app/api/**/*.ts",
            "The functions glob whose limits go into vercel.json."),
    VERCEL_MAX_DURATION("vercel.maxDuration", "SCALEDECK_VERCEL_MAX_DURATION", "30s",
            "Function time limit written to vercel.json (1s to 900s)."),
    VERCEL_MEMORY("vercel.memory", "SCALEDECK_VERCEL_MEMORY", "",
            "Function memory in MB written to vercel.json (128 to 3009). Empty: Vercel's default."),
    VERCEL_FILE("vercel.file", "SCALEDECK_VERCEL_FILE", "vercel.json",
            "The vercel.json the vercel platform writes, relative to the working directory."),
    SAMPLE_INSTANCES("embedded.sampleInstances", "SCALEDECK_SAMPLE_INSTANCES", "3",
            "How many sample converter instances the embedded environment starts."),
    AMBIENT_RATE("embedded.ambientRate", "SCALEDECK_AMBIENT_RATE", "8",
            "Requests per second of light background traffic over the sample instances (0: off)."),
    SAMPLE_SERVICE_TIME("embedded.serviceTime", "SCALEDECK_SAMPLE_SERVICE_TIME", "50ms",
            "Time each sample API request holds a worker on top of its own work, standing in for a real service's downstream calls."),
    BACKUP_DIRECTORY("backup.directory", "SCALEDECK_BACKUP_DIR", "",
            "Where backups are written. Empty: HOME/backups."),
    BACKUP_COMPRESSION("backup.compression", "SCALEDECK_BACKUP_COMPRESSION", "default",
            "Backup archive compression: none, fast or default (deflate levels 0, 1, 6)."),
    BACKUP_SCHEDULES("backup.schedules", "SCALEDECK_BACKUP_SCHEDULES",
            "[{\"scope\":\"full\",\"every\":\"24h\"},{\"scope\":\"base\",\"every\":\"24h\"}]",
            "JSON list of {\"scope\": full | base | user:ID, \"every\": duration}; the engine runs them, verifies and copies each backup. [] = none."),
    BACKUP_RETENTION("backup.retention", "SCALEDECK_BACKUP_RETENTION", "last=7,daily=7,weekly=4,monthly=6",
            "Backups kept per scope; the newest verified one is always kept."),
    BACKUP_COPIES("backup.copies", "SCALEDECK_BACKUP_COPIES", "",
            "JSON list of directories (another disk, a mounted remote) that get a verified copy of every backup."),
    BACKUP_RPO("backup.rpo", "SCALEDECK_BACKUP_RPO", "25h",
            "Alert when a scheduled scope's newest verified backup is older than this."),
    BACKUP_USER_TABLE("backup.userTable", "SCALEDECK_BACKUP_USER_TABLE", "users",
            "The table whose rows are users; a user's backup holds the rows that reference it."),
    BACKUP_OWNERSHIP("backup.ownership", "SCALEDECK_BACKUP_OWNERSHIP", "",
            "JSON object {\"table\": \"column\"} naming the user id column of tables whose owner foreign keys do not show."),
    RECOVERY_MODE("recovery.mode", "SCALEDECK_RECOVERY_MODE", "ask",
            "When detection matches a disaster-recovery plan: ask (show it and wait) or automatic (execute it)."),
    RECOVERY_DIRECTORY("recovery.directory", "SCALEDECK_RUNBOOKS", "",
            "Where the operator's own runbooks (*.yaml) are; empty = SCALEDECK_HOME/runbooks."),
    METRICS_PORT("metrics.port", "SCALEDECK_METRICS_PORT", "0",
            "Port of the Prometheus endpoint GET /metrics (window and serve; --metrics-port overrides it). 0: off."),
    METRICS_BIND("metrics.bind", "SCALEDECK_METRICS_BIND", "127.0.0.1",
            "Address the metrics endpoint listens on: an IP address (0.0.0.0 for every interface) or localhost."),
    MONITOR_INTERVAL("monitor.interval", "SCALEDECK_MONITOR_INTERVAL", "1s",
            "How often the resource monitor samples the pool and the JVM."),
    MEMORY_ALERT("monitor.memoryAlertPercent", "SCALEDECK_MEMORY_ALERT_PERCENT", "90",
            "Alert when heap use (%) is above this."),
    LAG_ALERT("monitor.lagAlert", "SCALEDECK_LAG_ALERT", "100ms",
            "Alert when the engine scheduler runs late by more than this."),
    LOAD_TEST_LATENCY_ALERT("monitor.loadTestLatency", "SCALEDECK_LOAD_TEST_LATENCY_ALERT", "2s",
            "Alert while a load test's p99 over the last second is above this (and above 10 % errors)."),
    NOTIFY_WEBHOOK("notify.webhook", "SCALEDECK_NOTIFY_WEBHOOK", "",
            "Alerts are POSTed here as Slack-compatible JSON {\"text\"} (http(s) URL; its path is treated as a secret). Empty: off."),
    NOTIFY_MIN_SEVERITY("notify.minSeverity", "SCALEDECK_NOTIFY_MIN_SEVERITY", "warning",
            "Alerts below this are not sent: info, warning or critical."),
    NOTIFY_INTERVAL("notify.interval", "SCALEDECK_NOTIFY_INTERVAL", "5m",
            "An alert sent within this long is not sent again when it clears and comes back (flapping)."),
    NOTIFY_MAX_PER_MINUTE("notify.maxPerMinute", "SCALEDECK_NOTIFY_MAX_PER_MINUTE", "10",
            "At most this many webhook messages a minute; the next one sent counts those held back."),
    DEBUG("debug", "DEBUG", "",
            "Debug logging: scaling:* for the whole engine, scaling:balancer (pool, scaling, backup, ...) for one part; comma-separated.");

    private final String key;
    private final String env;
    private final String defaultValue;
    private final String meaning;

    Setting(String key, String env, String defaultValue, String meaning) {
        this.key = key;
        this.env = env;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** Key in scaledeck.yaml (dotted path) and in {@code --set key=value}. */
    public String key() {
        return key;
    }

    /** Environment variable. */
    public String env() {
        return env;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** Known keys, for "allowed" lists in error messages. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Setting::key).toList();
    }

    /** Lower-case key comparison that tolerates {@code max_connections} for {@code maxConnections}. */
    static String normalise(String key) {
        return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
