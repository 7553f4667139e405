package dev.scaledeck.engine.config;

import java.time.Duration;

/**
 * Connection pool settings (the seed's {@code scalingConfig.connectionPool}).
 *
 * @param minConnections  idle connections kept ready
 * @param maxConnections  most connections opened
 * @param acquireTimeout  how long a caller waits for a connection
 * @param idleTimeout     idle connections above the minimum close after this
 * @param leakDetection   a connection held longer is reported; zero turns it off
 * @param shutdownTimeout how long in-flight work may finish on shutdown
 */
public record PoolConfig(int minConnections, int maxConnections, Duration acquireTimeout,
                         Duration idleTimeout, Duration leakDetection, Duration shutdownTimeout) {

    public static PoolConfig defaults() {
        return new PoolConfig(2, 20, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    public PoolConfig {
        if (minConnections < 0) {
            throw new IllegalArgumentException("minConnections must be >= 0, but was " + minConnections);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, but was " + maxConnections);
        }
        if (minConnections > maxConnections) {
            throw new IllegalArgumentException("minConnections (" + minConnections
                    + ") must not exceed maxConnections (" + maxConnections + ")");
        }
    }

    public PoolConfig withAcquireTimeout(Duration timeout) {
        return new PoolConfig(minConnections, maxConnections, timeout, idleTimeout, leakDetection, shutdownTimeout);
    }
}
