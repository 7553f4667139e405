package dev.scaledeck.ui.common;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns a running total (connections acquired, requests served) into a rate per second
 * between successive samples. The first sample, a sample that does not move time forward and
 * a total that went backwards (a restart) give 0. Not thread-safe: one per view model.
 */
public final class RateMeter {

    private Instant lastTime;
    private long lastCount;

    /** @return the rate per second since the previous call */
    public double update(Instant time, long count) {
        double rate = 0;
        if (lastTime != null && time.isAfter(lastTime) && count >= lastCount) {
            rate = (count - lastCount) / (Duration.between(lastTime, time).toNanos() / 1e9);
        }
        lastTime = time;
        lastCount = count;
        return rate;
    }
}
