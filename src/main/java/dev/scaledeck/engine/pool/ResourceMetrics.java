package dev.scaledeck.engine.pool;

import java.time.Duration;
import java.time.Instant;

/**
 * One sample of the resource monitor: the pool and the JVM at one point in time. Immutable.
 *
 * @param time           when it was taken (engine clock)
 * @param pool           the connection pool
 * @param heapUsed       heap in use, bytes
 * @param heapMax        heap limit, bytes
 * @param gcPause        time spent in garbage collection since the previous sample
 * @param schedulerLag   how late the engine scheduler ran this sample (the JVM counterpart of
 *                       the seed's event-loop lag)
 * @param leaksHeld      connections currently held longer than the leak threshold
 */
public record ResourceMetrics(Instant time, PoolStats pool, long heapUsed, long heapMax, Duration gcPause,
                              Duration schedulerLag, int leaksHeld) {

    /** Heap use in percent of the limit, 0..100. */
    public double heapPercent() {
        return heapMax <= 0 ? 0 : 100.0 * heapUsed / heapMax;
    }
}
