package dev.scaledeck.engine.balancer;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.time.Instant;

/**
 * Latencies (microseconds) of the last window, as a ring of HdrHistogram slots. Recording is
 * wait-free ({@link Recorder}); reading and {@link #collect(Instant) collecting} take this
 * object's lock and happen a few times a second at most. Values recorded since the last
 * collection land in the slot current at collection time, so collect regularly ({@code tick()}).
 * Thread-safe.
 */
final class SlidingLatencyWindow {

    private static final int SLOTS = 6;
    private static final int DIGITS = 2;

    private final Recorder recorder = new Recorder(DIGITS);
    private final long slotMillis;
    private final Histogram[] ring = new Histogram[SLOTS];
    private final long[] ringSlot = new long[SLOTS];
    private Histogram interval;

    SlidingLatencyWindow(Duration window) {
        this.slotMillis = Math.max(1, window.toMillis() / SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            ring[i] = new Histogram(DIGITS);
            ringSlot[i] = Long.MIN_VALUE;
        }
    }

    void record(Duration latency) {
        long micros = latency.isNegative() ? 0 : latency.toNanos() / 1000;
        recorder.recordValue(micros);
    }

    /** Moves what was recorded since the last call into the slot of {@code now}. */
    synchronized void collect(Instant now) {
        long slot = Math.floorDiv(now.toEpochMilli(), slotMillis);
        interval = recorder.getIntervalHistogram(interval);
        int i = (int) Math.floorMod(slot, (long) SLOTS);
        if (ringSlot[i] != slot) {
            ring[i].reset();
            ringSlot[i] = slot;
        }
        ring[i].add(interval);
    }

    /** Everything recorded within the window ending at {@code now}: a new histogram. */
    synchronized Histogram window(Instant now) {
        collect(now);
        long slot = Math.floorDiv(now.toEpochMilli(), slotMillis);
        Histogram sum = new Histogram(DIGITS);
        for (int i = 0; i < SLOTS; i++) {
            long age = slot - ringSlot[i];
            if (ringSlot[i] != Long.MIN_VALUE && age >= 0 && age < SLOTS) {
                sum.add(ring[i]);
            }
        }
        return sum;
    }
}
