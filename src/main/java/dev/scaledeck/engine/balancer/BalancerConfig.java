package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * Load balancer settings. Immutable; every value is checked when the record is built, with a
 * message that names the field, the bad value and what is allowed. Start from
 * {@link #defaults()} or {@link #builder()} and change what you need.
 *
 * @param strategy                     how instances are chosen
 * @param slowStart                    how long a new, restored or recovered instance takes to reach full weight; zero turns slow start off
 * @param slowStartInitialFraction     share of its weight an instance starts slow start with, (0, 1]
 * @param probeInterval                time between active {@code /health} probes
 * @param probeTimeout                 how long one probe may take
 * @param unhealthyThreshold           consecutive failed probes that make an instance UNHEALTHY
 * @param healthyThreshold             consecutive successful probes that make it HEALTHY again
 * @param outlierConsecutiveFailures   consecutive 5xx / connect / timeout failures that eject an instance
 * @param baseEjectionTime             first ejection time; the k-th ejection lasts base x 2^(k-1)
 * @param maxEjectionTime              cap on the ejection time
 * @param maxEjectedPercent            most instances (in percent) passive ejection may take out, 0..100
 * @param panicMode                    what happens when no instance is eligible
 * @param breakerFailureRateThreshold  failure rate (percent) that opens an instance's circuit breaker, (0, 100]
 * @param breakerSlowCallThreshold     calls slower than this count as slow
 * @param breakerSlowCallRateThreshold slow-call rate (percent) that opens the breaker, (0, 100]
 * @param breakerMinimumCalls          calls recorded before the breaker judges the rates
 * @param breakerOpenWait              how long an open breaker stays open before trial calls
 * @param breakerHalfOpenCalls         trial calls in the half-open state
 * @param statsWindow                  window for latency percentiles and traffic share in {@link BalancerStats}
 */
public record BalancerConfig(
        Strategy strategy,
        Duration slowStart,
        double slowStartInitialFraction,
        Duration probeInterval,
        Duration probeTimeout,
        int unhealthyThreshold,
        int healthyThreshold,
        int outlierConsecutiveFailures,
        Duration baseEjectionTime,
        Duration maxEjectionTime,
        int maxEjectedPercent,
        PanicMode panicMode,
        double breakerFailureRateThreshold,
        Duration breakerSlowCallThreshold,
        double breakerSlowCallRateThreshold,
        int breakerMinimumCalls,
        Duration breakerOpenWait,
        int breakerHalfOpenCalls,
        Duration statsWindow) {

    public BalancerConfig {
        Objects.requireNonNull(strategy, "strategy must be set");
        Objects.requireNonNull(panicMode, "panicMode must be set");
        requireAtLeastZero("slowStart", slowStart);
        if (!(slowStartInitialFraction > 0 && slowStartInitialFraction <= 1)) {
            throw new IllegalArgumentException("slowStartInitialFraction must be greater than 0 and at most 1, but was "
                    + slowStartInitialFraction);
        }
        requirePositive("probeInterval", probeInterval);
        requirePositive("probeTimeout", probeTimeout);
        requireAtLeastOne("unhealthyThreshold", unhealthyThreshold);
        requireAtLeastOne("healthyThreshold", healthyThreshold);
        requireAtLeastOne("outlierConsecutiveFailures", outlierConsecutiveFailures);
        requirePositive("baseEjectionTime", baseEjectionTime);
        requirePositive("maxEjectionTime", maxEjectionTime);
        if (maxEjectedPercent < 0 || maxEjectedPercent > 100) {
            throw new IllegalArgumentException("maxEjectedPercent must be from 0 to 100, but was " + maxEjectedPercent);
        }
        requirePercent("breakerFailureRateThreshold", breakerFailureRateThreshold);
        requirePositive("breakerSlowCallThreshold", breakerSlowCallThreshold);
        requirePercent("breakerSlowCallRateThreshold", breakerSlowCallRateThreshold);
        requireAtLeastOne("breakerMinimumCalls", breakerMinimumCalls);
        requirePositive("breakerOpenWait", breakerOpenWait);
        requireAtLeastOne("breakerHalfOpenCalls", breakerHalfOpenCalls);
        requirePositive("statsWindow", statsWindow);
        if (statsWindow.toMillis() < 100) {
            throw new IllegalArgumentException("statsWindow must be at least 100ms, but was " + Durations.format(statsWindow));
        }
        // Rules that span fields come after every field is known to be sane on its own.
        if (maxEjectionTime.compareTo(baseEjectionTime) < 0) {
            throw new IllegalArgumentException("maxEjectionTime (" + Durations.format(maxEjectionTime)
                    + ") must not be shorter than baseEjectionTime (" + Durations.format(baseEjectionTime) + ")");
        }
    }

    /**
     * Smooth weighted round-robin; slow start over 30s from 10 %; probes every 2s with a 1s
     * timeout, down after 3 failures, up after 2 successes; ejection after 5 consecutive failures
     * for 30s doubling up to 5m, at most 50 % ejected; fail fast in panic; breakers open at 50 %
     * failures or 80 % calls slower than 2s over at least 10 calls, stay open 30s, then allow 3
     * trial calls; stats over the last 60s.
     */
    public static BalancerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values, to change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, () -> field + " must be set");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, but was " + Durations.format(value));
        }
    }

    private static void requireAtLeastZero(String field, Duration value) {
        Objects.requireNonNull(value, () -> field + " must be set");
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, but was " + Durations.format(value));
        }
    }

    private static void requireAtLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, but was " + value);
        }
    }

    private static void requirePercent(String field, double value) {
        if (!(value > 0 && value <= 100)) {
            throw new IllegalArgumentException(field + " must be greater than 0 and at most 100, but was " + value);
        }
    }

    /** Mutable helper for building a {@link BalancerConfig}; not thread-safe. Values are checked in {@link #build()}. */
    public static final class Builder {
        private Strategy strategy = Strategy.SMOOTH_WEIGHTED_ROUND_ROBIN;
        private Duration slowStart = Duration.ofSeconds(30);
        private double slowStartInitialFraction = 0.1;
        private Duration probeInterval = Duration.ofSeconds(2);
        private Duration probeTimeout = Duration.ofSeconds(1);
        private int unhealthyThreshold = 3;
        private int healthyThreshold = 2;
        private int outlierConsecutiveFailures = 5;
        private Duration baseEjectionTime = Duration.ofSeconds(30);
        private Duration maxEjectionTime = Duration.ofMinutes(5);
        private int maxEjectedPercent = 50;
        private PanicMode panicMode = PanicMode.FAIL_FAST;
        private double breakerFailureRateThreshold = 50;
        private Duration breakerSlowCallThreshold = Duration.ofSeconds(2);
        private double breakerSlowCallRateThreshold = 80;
        private int breakerMinimumCalls = 10;
        private Duration breakerOpenWait = Duration.ofSeconds(30);
        private int breakerHalfOpenCalls = 3;
        private Duration statsWindow = Duration.ofSeconds(60);

        private Builder() {
        }

        private Builder(BalancerConfig c) {
            strategy = c.strategy;
            slowStart = c.slowStart;
            slowStartInitialFraction = c.slowStartInitialFraction;
            probeInterval = c.probeInterval;
            probeTimeout = c.probeTimeout;
            unhealthyThreshold = c.unhealthyThreshold;
            healthyThreshold = c.healthyThreshold;
            outlierConsecutiveFailures = c.outlierConsecutiveFailures;
            baseEjectionTime = c.baseEjectionTime;
            maxEjectionTime = c.maxEjectionTime;
            maxEjectedPercent = c.maxEjectedPercent;
            panicMode = c.panicMode;
            breakerFailureRateThreshold = c.breakerFailureRateThreshold;
            breakerSlowCallThreshold = c.breakerSlowCallThreshold;
            breakerSlowCallRateThreshold = c.breakerSlowCallRateThreshold;
            breakerMinimumCalls = c.breakerMinimumCalls;
            breakerOpenWait = c.breakerOpenWait;
            breakerHalfOpenCalls = c.breakerHalfOpenCalls;
            statsWindow = c.statsWindow;
        }

        public Builder strategy(Strategy v) {
            strategy = v;
            return this;
        }

        public Builder slowStart(Duration v) {
            slowStart = v;
            return this;
        }

        public Builder slowStartInitialFraction(double v) {
            slowStartInitialFraction = v;
            return this;
        }

        public Builder probeInterval(Duration v) {
            probeInterval = v;
            return this;
        }

        public Builder probeTimeout(Duration v) {
            probeTimeout = v;
            return this;
        }

        public Builder unhealthyThreshold(int v) {
            unhealthyThreshold = v;
            return this;
        }

        public Builder healthyThreshold(int v) {
            healthyThreshold = v;
            return this;
        }

        public Builder outlierConsecutiveFailures(int v) {
            outlierConsecutiveFailures = v;
            return this;
        }

        public Builder baseEjectionTime(Duration v) {
            baseEjectionTime = v;
            return this;
        }

        public Builder maxEjectionTime(Duration v) {
            maxEjectionTime = v;
            return this;
        }

        public Builder maxEjectedPercent(int v) {
            maxEjectedPercent = v;
            return this;
        }

        public Builder panicMode(PanicMode v) {
            panicMode = v;
            return this;
        }

        public Builder breakerFailureRateThreshold(double v) {
            breakerFailureRateThreshold = v;
            return this;
        }

        public Builder breakerSlowCallThreshold(Duration v) {
            breakerSlowCallThreshold = v;
            return this;
        }

        public Builder breakerSlowCallRateThreshold(double v) {
            breakerSlowCallRateThreshold = v;
            return this;
        }

        public Builder breakerMinimumCalls(int v) {
            breakerMinimumCalls = v;
            return this;
        }

        public Builder breakerOpenWait(Duration v) {
            breakerOpenWait = v;
            return this;
        }

        public Builder breakerHalfOpenCalls(int v) {
            breakerHalfOpenCalls = v;
            return this;
        }

        public Builder statsWindow(Duration v) {
            statsWindow = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad field, its value and what is allowed */
        public BalancerConfig build() {
            return new BalancerConfig(strategy, slowStart, slowStartInitialFraction, probeInterval, probeTimeout,
                    unhealthyThreshold, healthyThreshold, outlierConsecutiveFailures, baseEjectionTime,
                    maxEjectionTime, maxEjectedPercent, panicMode, breakerFailureRateThreshold,
                    breakerSlowCallThreshold, breakerSlowCallRateThreshold, breakerMinimumCalls, breakerOpenWait,
                    breakerHalfOpenCalls, statsWindow);
        }
    }
}
