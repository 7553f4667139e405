package dev.scaledeck.engine.pool;

import java.time.Duration;
import java.time.Instant;

/**
 * The connection pool at one point in time. Immutable; counts are read one after another
 * without a global lock, so {@code active + idle} may differ from {@code total} by a
 * connection that was changing state while the snapshot was taken.
 *
 * @param time            when the snapshot was taken
 * @param min             configured minimum idle connections
 * @param max             configured maximum connections
 * @param active          connections lent out
 * @param idle            connections ready in the pool
 * @param total           connections open
 * @param waiting         threads waiting for a connection
 * @param acquireWaitP50  median wait for a connection over the last seconds
 * @param acquireWaitP99  99th percentile wait for a connection over the last seconds
 * @param acquired        connections lent out since start
 * @param acquireTimeouts callers that gave up waiting since start
 * @param leakWarnings    connections held longer than the leak threshold since start
 * @param closed          the pool is shut down
 */
public record PoolStats(Instant time, int min, int max, int active, int idle, int total, int waiting,
                        Duration acquireWaitP50, Duration acquireWaitP99, long acquired, long acquireTimeouts,
                        long leakWarnings, boolean closed) {

    /** All connections busy and callers queueing: the seed's "pool exhaustion". */
    public boolean exhausted() {
        return waiting > 0 && active >= max;
    }

    /** Share of the maximum that is lent out, 0..1. */
    public double utilisation() {
        return max == 0 ? 0 : (double) active / max;
    }
}
