package dev.scaledeck.engine.failover;

import java.time.Duration;

/**
 * Failover and retry settings. Immutable; every value is checked here, with a message naming
 * the field, the value and what is allowed.
 *
 * @param failAfter          consecutive failed checks of the active endpoint before failing over
 * @param failBackAfter      consecutive healthy checks of the primary before failing back to it
 * @param checkInterval      time between periodic checks
 * @param probeTimeout       a health probe that has not answered by then is a failed check
 * @param requestTimeout     longest wait for one request attempt (cut shorter near {@code maxTotalTime})
 * @param maxAttempts        attempts per request, the first one included
 * @param initialBackoff     wait before the first retry
 * @param backoffMultiplier  each further wait is this many times the one before
 * @param jitter             each wait is randomised by up to this share either way (0 = none, below 1)
 * @param maxTotalTime       a request gives up rather than wait past this, counted from its first attempt
 * @param retryNonIdempotent retry POST and PATCH too; otherwise only when the request is marked safe
 */
public record FailoverConfig(int failAfter, int failBackAfter, Duration checkInterval, Duration probeTimeout,
                             Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                             double backoffMultiplier, double jitter, Duration maxTotalTime,
                             boolean retryNonIdempotent) {

    public static FailoverConfig defaults() {
        return new FailoverConfig(3, 5, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5),
                3, Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(10), false);
    }

    public FailoverConfig {
        atLeast("failAfter", failAfter, 1);
        atLeast("failBackAfter", failBackAfter, 1);
        positive("checkInterval", checkInterval);
        positive("probeTimeout", probeTimeout);
        positive("requestTimeout", requestTimeout);
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, but was " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.toMillis() < 1) {
            throw new IllegalArgumentException("initialBackoff must be at least 1 ms, but was " + initialBackoff);
        }
        if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 100)) {
            throw new IllegalArgumentException("backoffMultiplier must be between 1.0 and 100, but was " + backoffMultiplier);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1, but was " + jitter);
        }
        positive("maxTotalTime", maxTotalTime);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", but was " + value);
        }
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, but was " + value);
        }
    }

    public FailoverConfig withThresholds(int failAfter, int failBackAfter) {
        return new FailoverConfig(failAfter, failBackAfter, checkInterval, probeTimeout, requestTimeout, maxAttempts,
                initialBackoff, backoffMultiplier, jitter, maxTotalTime, retryNonIdempotent);
    }

    public FailoverConfig withRetry(int maxAttempts, Duration initialBackoff, double backoffMultiplier, double jitter,
                                    Duration maxTotalTime) {
        return new FailoverConfig(failAfter, failBackAfter, checkInterval, probeTimeout, requestTimeout, maxAttempts,
                initialBackoff, backoffMultiplier, jitter, maxTotalTime, retryNonIdempotent);
    }

    public FailoverConfig withRetryNonIdempotent(boolean retry) {
        return new FailoverConfig(failAfter, failBackAfter, checkInterval, probeTimeout, requestTimeout, maxAttempts,
                initialBackoff, backoffMultiplier, jitter, maxTotalTime, retry);
    }

    public FailoverConfig withTimeouts(Duration probeTimeout, Duration requestTimeout) {
        return new FailoverConfig(failAfter, failBackAfter, checkInterval, probeTimeout, requestTimeout, maxAttempts,
                initialBackoff, backoffMultiplier, jitter, maxTotalTime, retryNonIdempotent);
    }
}
