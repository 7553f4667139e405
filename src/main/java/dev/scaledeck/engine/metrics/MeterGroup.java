package dev.scaledeck.engine.metrics;

/**
 * One part of the engine as meters: it reads that part's point-in-time snapshots and sets its
 * {@link MeterFamily families}. Called once per scrape, by one thread at a time.
 */
interface MeterGroup {

    /** Short name for logs: {@code pool}, {@code backups}. */
    String name();

    /** Reads the snapshots and sets the meters; a failure leaves the previous values. */
    void refresh();
}
