package dev.scaledeck.ui.common;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.engine.pool.ResourceMetrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything the window shows, read from the engine in one go by the sampler: what every view
 * model updates from on one tick. Immutable.
 *
 * @param time         when it was read (engine clock)
 * @param pool         the pool, read fresh
 * @param resources    the resource monitor's latest sample (heap, GC, scheduler lag; at most one
 *                     monitor interval old)
 * @param activeAlerts active alerts, most severe first
 * @param instances    instances by id
 * @param databaseUrl  the database URL with the password masked
 * @param database     the latest database check
 */
public record EngineSnapshot(Instant time, PoolStats pool, ResourceMetrics resources, List<Alert> activeAlerts,
                             List<InstanceStatus> instances, String databaseUrl, DatabaseStatus database) {

    public EngineSnapshot {
        activeAlerts = List.copyOf(activeAlerts);
        instances = List.copyOf(instances);
    }

    /** Reads every part of {@code engine} now. Cheap: no database round trip. */
    public static EngineSnapshot take(ScalingEngine engine, DatabaseStatus database) {
        PoolStats pool = engine.pool().stats();
        return new EngineSnapshot(pool.time(), pool, engine.resources().metrics(), engine.alerts().active(),
                engine.instances().snapshot(), engine.pool().maskedUrl(), database);
    }
}
