package dev.scaledeck.engine.pool;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Acquire-wait percentiles over a sliding window of one-second slices. Recording is wait-free
 * (HdrHistogram {@link Recorder}); reading rotates the slices and merges them under a lock,
 * so any number of readers see the same window. Thread-safe.
 */
final class AcquireWaitRecorder {

    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final long HIGHEST_NANOS = Duration.ofMinutes(10).toNanos();

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 2);
    private final ArrayDeque<Histogram> slices = new ArrayDeque<>();
    private final int windowSlices;
    private Histogram recycled;
    private long lastRotation = System.nanoTime();
    private Histogram merged = new Histogram(HIGHEST_NANOS, 2);

    AcquireWaitRecorder(int windowSeconds) {
        this.windowSlices = windowSeconds;
    }

    void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    /** p50 and p99 in nanoseconds over the window. */
    synchronized long[] percentiles() {
        long now = System.nanoTime();
        if (now - lastRotation >= SLICE_NANOS || slices.isEmpty()) {
            lastRotation = now;
            Histogram slice = recorder.getIntervalHistogram(recycled);
            recycled = null;
            slices.addLast(slice);
            if (slices.size() > windowSlices) {
                recycled = slices.removeFirst();
            }
            merged = new Histogram(HIGHEST_NANOS, 2);
            slices.forEach(merged::add);
        }
        if (merged.getTotalCount() == 0) {
            return new long[] {0, 0};
        }
        return new long[] {merged.getValueAtPercentile(50), merged.getValueAtPercentile(99)};
    }
}
