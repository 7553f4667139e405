package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.util.Numbers;
import java.time.Duration;
import java.util.Objects;

/**
 * How load is offered. Immutable.
 * <ul>
 *   <li>{@link Closed}: N virtual users, each sending a request, waiting for its answer (and the
 *   think time), then sending the next; the seed's {@code {concurrency, rampUpTime}}. A slow
 *   server slows the users down, so latency is measured from when each request was sent.</li>
 *   <li>{@link ConstantRate} and {@link RampingRate}: requests arrive on a schedule whatever the
 *   server does (wrk2, k6's arrival-rate executors). Latency is measured from when each request
 *   was <em>scheduled</em>, so a stall shows in the percentiles instead of being hidden
 *   (coordinated omission); requests that could not be sent on time are counted.</li>
 * </ul>
 */
public sealed interface Workload {

    /** One line for reports: {@code 50 users, ramp-up 10s}, {@code 200 requests/s}. */
    String describe();

    /**
     * @param users     virtual users at full strength, 1..10,000
     * @param rampUp    users start evenly over this long (0: all at once)
     * @param thinkTime pause between a user's answer and its next request (0: none)
     */
    record Closed(int users, Duration rampUp, Duration thinkTime) implements Workload {
        public Closed {
            if (users < 1 || users > 10_000) {
                throw new IllegalArgumentException("users must be between 1 and 10000, but was " + users);
            }
            requireNotNegative("ramp-up", rampUp);
            requireNotNegative("think time", thinkTime);
        }

        @Override
        public String describe() {
            return users + " users" + (rampUp.isZero() ? "" : ", ramp-up " + human(rampUp))
                    + (thinkTime.isZero() ? "" : ", think time " + human(thinkTime));
        }
    }

    /**
     * @param perSecond      arrivals per second, above 0 and at most 100,000
     * @param maxConnections requests in flight at most; an arrival finding them all busy waits
     *                       (and its latency counts from its scheduled time)
     */
    record ConstantRate(double perSecond, int maxConnections) implements Workload {
        public ConstantRate {
            requireRate("rate", perSecond);
            requireConnections(maxConnections);
        }

        @Override
        public String describe() {
            return Numbers.plain(perSecond) + " requests/s";
        }
    }

    /**
     * The rate moves linearly from {@code fromPerSecond} to {@code toPerSecond} over the test.
     */
    record RampingRate(double fromPerSecond, double toPerSecond, int maxConnections) implements Workload {
        public RampingRate {
            if (!(fromPerSecond >= 0 && fromPerSecond <= 100_000)) {
                throw new IllegalArgumentException("the starting rate must be between 0 and 100000 requests/s, but was "
                        + fromPerSecond);
            }
            requireRate("the final rate", toPerSecond);
            requireConnections(maxConnections);
        }

        @Override
        public String describe() {
            return Numbers.plain(fromPerSecond) + " to " + Numbers.plain(toPerSecond) + " requests/s";
        }
    }

    private static void requireRate(String name, double perSecond) {
        if (!(perSecond > 0 && perSecond <= 100_000)) {
            throw new IllegalArgumentException(name + " must be above 0 and at most 100000 requests/s, but was " + perSecond);
        }
    }

    private static void requireConnections(int maxConnections) {
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("connections must be between 1 and 10000, but was " + maxConnections);
        }
    }

    private static void requireNotNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + d);
        }
    }

    private static String human(Duration d) {
        // whole seconds read best as 1m 30s; a think time of 5ms must not print as 0s
        return d.toMillis() % 1000 == 0 ? dev.scaledeck.engine.config.Durations.human(d)
                : dev.scaledeck.engine.config.Durations.format(d);
    }
}
