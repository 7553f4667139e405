package dev.scaledeck.engine.pool;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Acquire-wait percentiles over a sliding window of one-second slices. Recording is wait-free
 * (HdrHistogram {@link Recorder}); reading drains the recorder into the current slice, rotates
 * slices each second and merges them under a lock, so any number of readers see the same,
 * up-to-date window. Thread-safe.
 */
final class AcquireWaitRecorder {

    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final long HIGHEST_NANOS = Duration.ofMinutes(10).toNanos();

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 2);
    private final ArrayDeque<Histogram> slices = new ArrayDeque<>();
    private final int windowSlices;
    private final Histogram merged = new Histogram(HIGHEST_NANOS, 2);
    private Histogram current;
    private Histogram interval;
    private long currentStart;

    AcquireWaitRecorder(int windowSeconds) {
        this.windowSlices = windowSeconds;
    }

    void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    /** p50 and p99 in nanoseconds over the window, including everything recorded until now. */
    synchronized long[] percentiles() {
        long now = System.nanoTime();
        if (current == null || now - currentStart >= SLICE_NANOS) {
            if (current != null) {
                slices.addLast(current);
            }
            while (slices.size() >= windowSlices) {
                slices.removeFirst();
            }
            current = new Histogram(HIGHEST_NANOS, 2);
            currentStart = now;
        }
        interval = recorder.getIntervalHistogram(interval);
        current.add(interval);
        merged.reset();
        slices.forEach(merged::add);
        merged.add(current);
        if (merged.getTotalCount() == 0) {
            return new long[] {0, 0};
        }
        return new long[] {merged.getValueAtPercentile(50), merged.getValueAtPercentile(99)};
    }
}
