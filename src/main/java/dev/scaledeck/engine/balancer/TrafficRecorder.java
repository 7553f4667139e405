package dev.scaledeck.engine.balancer;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Completed requests of one instance: totals since it was added, and latencies over a sliding
 * window. Thread-safe; recording does not block.
 */
final class TrafficRecorder {

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final SlidingLatencyWindow latency;

    TrafficRecorder(Duration window) {
        this.latency = new SlidingLatencyWindow(window);
    }

    void record(Duration elapsed, boolean error) {
        requests.increment();
        if (error) {
            errors.increment();
        }
        latency.record(elapsed);
    }

    long requests() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    void collect(Instant now) {
        latency.collect(now);
    }

    /** Latencies of the requests completed within the window ending at {@code now}. */
    Histogram window(Instant now) {
        return latency.window(now);
    }
}
