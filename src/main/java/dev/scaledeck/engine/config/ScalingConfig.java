package dev.scaledeck.engine.config;

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
 * @param instances   configured instances, or empty for the embedded sample instances
 * @param autoScaling auto-scaling policy and platform
 * @param embedded    embedded environment
 * @param monitor     resource monitor and alert thresholds
 * @param debug       engine debug logging ({@code DEBUG=scaling:*})
 */
public record ScalingConfig(Path home, Optional<DatabaseUrl> database, PoolConfig pool,
                            List<InstanceSpec> instances, AutoScalingConfig autoScaling,
                            EmbeddedConfig embedded, MonitorConfig monitor, boolean debug) {

    public ScalingConfig {
        instances = List.copyOf(instances);
    }

    public boolean embeddedDatabase() {
        return database.isEmpty();
    }

    public boolean embeddedInstances() {
        return instances.isEmpty();
    }

    public Path journalFile() {
        return home.resolve("events.jsonl");
    }

    public ScalingConfig withPool(PoolConfig newPool) {
        return new ScalingConfig(home, database, newPool, instances, autoScaling, embedded, monitor, debug);
    }

    public ScalingConfig withHome(Path newHome) {
        return new ScalingConfig(newHome, database, pool, instances, autoScaling, embedded, monitor, debug);
    }
}
