package dev.scaledeck.embedded;

import java.util.function.LongSupplier;

/**
 * The share of worker threads busy, as a time-weighted average with a one-second time
 * constant: updated whenever a request starts or ends, so it needs no sampling thread and
 * misses no short burst. Thread-safe.
 */
final class UtilizationMeter {

    private static final double TIME_CONSTANT_NANOS = 1_000_000_000.0;

    private final int workers;
    private final LongSupplier nanoTime;
    private int busy;
    private long last;
    private double average;

    UtilizationMeter(int workers, LongSupplier nanoTime) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, but was " + workers);
        }
        this.workers = workers;
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
    }

    synchronized void begin() {
        advance();
        busy++;
    }

    synchronized void end() {
        advance();
        busy = Math.max(0, busy - 1);
    }

    /** Busy workers / workers, 0..1, averaged over about the last second. */
    synchronized double utilization() {
        advance();
        return Math.min(1.0, Math.max(0.0, average));
    }

    private void advance() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        if (elapsed <= 0) {
            return;
        }
        double keep = Math.exp(-elapsed / TIME_CONSTANT_NANOS);
        double current = Math.min(busy, workers) / (double) workers;
        average = average * keep + current * (1 - keep);
        last = now;
    }
}
