package dev.scaledeck.engine.util;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets one log line through per period and counts the ones it held back, so that a hot path
 * (every pool acquire) can say something at DEBUG without flooding the log. Thread-safe.
 */
public final class LogThrottle {

    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAllowed;
    private final AtomicLong held = new AtomicLong();

    public LogThrottle(Duration period) {
        this(period, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests step their own) */
    public LogThrottle(Duration period, LongSupplier nanoTime) {
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * @return -1 when this line is to be left out (and is counted); otherwise how many lines were
     *         left out since the last one that passed, for the line to mention
     */
    public long pass() {
        long now = nanoTime.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed < 0 || !nextAllowed.compareAndSet(allowed, now + periodNanos)) {
            held.incrementAndGet();
            return -1;
        }
        return held.getAndSet(0);
    }
}
