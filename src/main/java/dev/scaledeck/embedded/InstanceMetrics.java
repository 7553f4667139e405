package dev.scaledeck.embedded;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counts, utilisation and latency of one sample instance's requests. Thread-safe. */
final class InstanceMetrics {

    private static final int LATENCY_WINDOW_SECONDS = 10;

    private final String id;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final UtilizationMeter utilization;
    private final LatencyWindow latency;

    InstanceMetrics(String id, int workers, LongSupplier nanoTime) {
        this.id = id;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.utilization = new UtilizationMeter(workers, nanoTime);
        this.latency = new LatencyWindow(LATENCY_WINDOW_SECONDS, nanoTime);
    }

    /** A request starts; returns its start time for {@link #end}. */
    long begin() {
        inFlight.incrementAndGet();
        utilization.begin();
        return nanoTime.getAsLong();
    }

    void end(long startedNanos, int status) {
        latency.record(nanoTime.getAsLong() - startedNanos);
        requests.increment();
        if (status >= 400) {
            errors.increment();
        }
        utilization.end();
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    SampleMetrics snapshot() {
        double[] p = latency.percentilesMillis(50, 95);
        return new SampleMetrics(id, requests.sum(), inFlight.get(), errors.sum(), utilization.utilization(),
                p[0], p[1], (nanoTime.getAsLong() - startNanos) / 1_000_000_000L);
    }
}
