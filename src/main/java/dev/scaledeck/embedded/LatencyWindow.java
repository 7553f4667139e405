package dev.scaledeck.embedded;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Request latency percentiles over the last {@code seconds} seconds: one HdrHistogram per
 * second in a ring, a slot cleared when its second comes round again. Thread-safe.
 */
final class LatencyWindow {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram[] slices;
    private final long[] sliceSecond;
    private final Histogram merged = new Histogram(HIGHEST_MICROS, 2);
    private final LongSupplier nanoTime;

    LatencyWindow(int seconds, LongSupplier nanoTime) {
        this.slices = new Histogram[seconds];
        this.sliceSecond = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            slices[i] = new Histogram(HIGHEST_MICROS, 2);
            sliceSecond[i] = Long.MIN_VALUE;
        }
        this.nanoTime = nanoTime;
    }

    synchronized void record(long nanos) {
        long second = second();
        int slot = (int) Math.floorMod(second, (long) slices.length);
        if (sliceSecond[slot] != second) {
            slices[slot].reset();
            sliceSecond[slot] = second;
        }
        long micros = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), HIGHEST_MICROS));
        slices[slot].recordValue(micros);
    }

    /** The given percentiles in milliseconds; 0 when nothing was recorded in the window. */
    synchronized double[] percentilesMillis(double... percentiles) {
        long second = second();
        merged.reset();
        for (int i = 0; i < slices.length; i++) {
            if (sliceSecond[i] > second - slices.length) {
                merged.add(slices[i]);
            }
        }
        double[] out = new double[percentiles.length];
        if (merged.getTotalCount() > 0) {
            for (int i = 0; i < percentiles.length; i++) {
                out[i] = merged.getValueAtPercentile(percentiles[i]) / 1000.0;
            }
        }
        return out;
    }

    private long second() {
        return Math.floorDiv(nanoTime.getAsLong(), 1_000_000_000L);
    }
}
