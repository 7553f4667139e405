package dev.scaledeck.engine.config;

import dev.scaledeck.engine.alert.NotifyConfig;
import dev.scaledeck.engine.backup.BackupConfig;
import dev.scaledeck.engine.balancer.BalancerConfig;
import dev.scaledeck.engine.failover.FailoverConfig;
import dev.scaledeck.engine.health.HealthConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything ScaleDeck is configured with, validated. Built by {@link ConfigLoader}
 * (defaults &lt; scaledeck.yaml &lt; environment &lt; flags). Immutable.
 *
 * @param home        data directory
 * @param database    a real database, or empty for the embedded one
 * @param pool        connection pool
 * @param configuredInstances the instances named in configuration (possibly none), or empty
 *                    when none are named and the embedded sample instances run
 * @param autoScaling auto-scaling policy and platform
 * @param embedded    embedded environment
 * @param monitor     resource monitor and alert thresholds
 * @param debug       which parts of the engine log at DEBUG ({@code DEBUG=scaling:*}, {@code DEBUG=scaling:balancer})
 * @param balancer    load balancing, health probes, outlier ejection, circuit breakers
 * @param health      the health checks' thresholds and interval
 * @param healthServices external HTTP services the health checks watch
 * @param failover    failover thresholds and retries
 * @param secondaryDatabase a standby database to fail over to, if any
 * @param httpFailovers HTTP services with a standby
 * @param backup      backups: repository, schedules, retention, copies, RPO
 * @param recovery    disaster recovery: detection mode, the operator's runbooks
 * @param metrics     the Prometheus endpoint: port (0 = off) and bind address
 * @param notifications alert notifications to a webhook
 */
public record ScalingConfig(Path home, Optional<DatabaseUrl> database, PoolConfig pool,
                            Optional<List<InstanceSpec>> configuredInstances, AutoScalingConfig autoScaling,
                            EmbeddedConfig embedded, MonitorConfig monitor, DebugLogging debug,
                            BalancerConfig balancer, HealthConfig health, List<ServiceSpec> healthServices,
                            FailoverConfig failover, Optional<DatabaseUrl> secondaryDatabase,
                            List<HttpFailoverSpec> httpFailovers, BackupConfig backup,
                            RecoveryConfig recovery, MetricsConfig metrics, NotifyConfig notifications) {

    public ScalingConfig {
        configuredInstances = configuredInstances.map(List::copyOf);
        healthServices = List.copyOf(healthServices);
        httpFailovers = List.copyOf(httpFailovers);
    }

    /** The same configuration with another metrics endpoint ({@code --metrics-port}). */
    public ScalingConfig withMetrics(MetricsConfig newMetrics) {
        return new ScalingConfig(home, database, pool, configuredInstances, autoScaling, embedded, monitor, debug,
                balancer, health, healthServices, failover, secondaryDatabase, httpFailovers, backup, recovery,
                newMetrics, notifications);
    }

    public boolean embeddedDatabase() {
        return database.isEmpty();
    }

    /**
     * True when the embedded sample instances run: no instances are configured and scaling acts
     * locally (a remote platform brings its own instances).
     */
    public boolean embeddedInstances() {
        return configuredInstances.isEmpty() && autoScaling.platform() == Platform.LOCAL;
    }

    /** The configured instances; none when the embedded sample instances run. */
    public List<InstanceSpec> instances() {
        return configuredInstances.orElse(List.of());
    }

    public Path journalFile() {
        return home.resolve("events.jsonl");
    }
}
