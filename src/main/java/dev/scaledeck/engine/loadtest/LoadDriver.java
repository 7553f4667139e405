package dev.scaledeck.engine.loadtest;

/** Offers a run's load to its target: virtual users (closed model) or scheduled arrivals (open model). */
interface LoadDriver {

    /** Starts offering load; returns at once. */
    void start();

    /**
     * Stops offering load; requests already sent go on until they end. Idempotent.
     *
     * @param durationOver whether the run's duration ran out (arrivals still due then were not sent
     *                     on time and count as missed); false when the run was stopped or aborted
     */
    void stop(boolean durationOver);

    /** Virtual users running (closed model); 0 for the open model. */
    int activeUsers();

    /** The arrival rate asked for at this moment of the run (open model); 0 for the closed model. */
    double targetRate(double elapsedSeconds);
}
