package dev.scaledeck.engine.scaling.platform;

/**
 * A platform's replica counts at one moment. Immutable.
 *
 * @param desired how many replicas the platform was asked for
 * @param ready   how many are running and ready to take traffic (ready pods, running tasks)
 */
public record ReplicaStatus(int desired, int ready) {

    public ReplicaStatus {
        if (desired < 0 || ready < 0) {
            throw new IllegalArgumentException("replica counts must be >= 0, but were desired=" + desired
                    + ", ready=" + ready);
        }
    }

    /** Replicas asked for but not ready yet (starting, warming up, or failing to start). */
    public int pending() {
        return Math.max(0, desired - ready);
    }
}
