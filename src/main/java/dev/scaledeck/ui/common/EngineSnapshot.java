package dev.scaledeck.ui.common;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.health.HealthReport;
import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.engine.pool.ResourceMetrics;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the window shows, read from the engine in one go by the sampler: what every view
 * model updates from on one tick. Immutable.
 *
 * @param time              when it was read (engine clock)
 * @param pool              the pool, read fresh
 * @param resources         the resource monitor's latest sample (heap, GC, scheduler lag; at most one
 *                          monitor interval old)
 * @param activeAlerts      active alerts, most severe first
 * @param instances         instances by id
 * @param databaseUrl       the database URL with the password masked
 * @param database          the latest database check
 * @param balancer          the balancer, read fresh
 * @param health            the latest round of health checks (not a new round)
 * @param platform          the name of the platform the instances run on, or null when the engine
 *                          only watches them (and cannot stop or start them)
 * @param platformInstances the platform's instances, running or stopped; empty without a platform
 * @param failovers         every failover the engine runs: the database's first, then each HTTP service
 *                          with a standby; empty when none is configured
 * @param scaling           the auto-scaler and the platform's replica counts
 */
public record EngineSnapshot(Instant time, PoolStats pool, ResourceMetrics resources, List<Alert> activeAlerts,
                             List<InstanceStatus> instances, String databaseUrl, DatabaseStatus database,
                             BalancerStats balancer, HealthReport health, String platform,
                             List<PlatformInstance> platformInstances, List<FailoverSnapshot> failovers,
                             ScalingSnapshot scaling) {

    public EngineSnapshot {
        failovers = failovers == null ? List.of() : List.copyOf(failovers);
        activeAlerts = List.copyOf(activeAlerts);
        instances = List.copyOf(instances);
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(health, "health");
        platformInstances = List.copyOf(platformInstances);
        Objects.requireNonNull(scaling, "scaling");
    }

    /**
     * Reads every part of {@code engine} now. Cheap: no database round trip, no health round, no
     * request to a remote platform (its instances are the balancer's; its replicas the auto-scaler's
     * latest). Never waits for an auto-scaler evaluation.
     */
    public static EngineSnapshot take(ScalingEngine engine, DatabaseStatus database) {
        PoolStats pool = engine.pool().stats();
        Optional<ScalingPlatform> platform = engine.platform();
        return new EngineSnapshot(pool.time(), pool, engine.resources().metrics(), engine.alerts().active(),
                engine.instances().snapshot(), engine.pool().maskedUrl(), database, engine.balancer().stats(),
                engine.health().report(), platform.map(ScalingPlatform::name).orElse(null),
                platform.filter(ScalingPlatform::canStopInstances).map(ScalingPlatform::instances).orElse(List.of()),
                engine.failovers(),
                ScalingSnapshot.take(engine));
    }

    /** A copy with other active alerts, for tests. */
    public EngineSnapshot withAlerts(List<Alert> alerts) {
        return new EngineSnapshot(time, pool, resources, alerts, instances, databaseUrl, database, balancer, health,
                platform, platformInstances, failovers, scaling);
    }

    /** A copy with other failovers (null or empty: none configured), for tests. */
    public EngineSnapshot withFailovers(List<FailoverSnapshot> failovers) {
        return new EngineSnapshot(time, pool, resources, activeAlerts, instances, databaseUrl, database, balancer,
                health, platform, platformInstances, failovers, scaling);
    }

    /** Whether the engine can stop and start the instances. */
    public boolean hasPlatform() {
        return platform != null;
    }

    /** The platform's view of one instance, if it knows it. */
    public Optional<PlatformInstance> platformInstance(String id) {
        return platformInstances.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
