package dev.scaledeck.engine.balancer;

import java.time.Duration;
import java.time.Instant;

/**
 * The slow-start ramp: an instance that has just joined (or come back) starts at a fraction of
 * its weight and grows linearly to the full weight over the window, so a cold instance (empty
 * caches, unwarmed JIT, a fresh pool) is not handed its whole share at once. Immutable.
 */
final class SlowStart {

    private final long windowMillis;
    private final double initialFraction;

    SlowStart(Duration window, double initialFraction) {
        this.windowMillis = window.toMillis();
        this.initialFraction = initialFraction;
    }

    /**
     * Share of its weight an instance whose ramp began at {@code startedAt} gets at {@code now};
     * 1 when {@code startedAt} is null.
     */
    double fraction(Instant startedAt, Instant now) {
        if (startedAt == null || windowMillis <= 0) {
            return 1.0;
        }
        long elapsed = now.toEpochMilli() - startedAt.toEpochMilli();
        if (elapsed >= windowMillis) {
            return 1.0;
        }
        // A clock that steps back must not shrink the weight below where the ramp starts.
        double progress = Math.max(0, elapsed) / (double) windowMillis;
        return initialFraction + (1 - initialFraction) * progress;
    }

    /** Whether the ramp that began at {@code startedAt} is over at {@code now}. */
    boolean finished(Instant startedAt, Instant now) {
        return startedAt == null || windowMillis <= 0 || now.toEpochMilli() - startedAt.toEpochMilli() >= windowMillis;
    }

    /** When a ramp should begin for an instance joining at {@code now}: now, or null when slow start is off. */
    Instant begin(Instant now) {
        return windowMillis <= 0 ? null : now;
    }
}
