package dev.scaledeck.engine.loadtest;

import java.time.Duration;
import java.util.Objects;

/**
 * A stress test: load in steps (users, or arrivals per second) until the system breaks. A step
 * breaks it when its error rate is above {@code maxErrorRatePercent}, its p99 above
 * {@code p99Limit}, or its throughput no longer rises (less than {@code minGainPercent} above the
 * best step before). Immutable.
 *
 * @param name                for reports
 * @param target              where requests go
 * @param request             what each HTTP request is
 * @param byRate              steps of arrival rate (open model) rather than of users (closed model)
 * @param start               the first step's users or rate
 * @param step                added at each step
 * @param maxSteps            steps at most, 1..100
 * @param stepDuration        each step's length
 * @param p99Limit            a step whose p99 is above this broke the system
 * @param maxErrorRatePercent a step with more errors (percent) broke it (the seed's 10 %)
 * @param minGainPercent      a step must serve this much more than the best before it
 */
public record StressPlan(String name, LoadTarget target, RequestSpec request, boolean byRate, double start, double step,
                         int maxSteps, Duration stepDuration, Duration p99Limit, double maxErrorRatePercent,
                         double minGainPercent) {

    public StressPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        if (!(start > 0) || !(step > 0)) {
            throw new IllegalArgumentException("the first step and the step size must be above 0, but were " + start
                    + " and " + step);
        }
        if (!byRate && (start != Math.rint(start) || step != Math.rint(step))) {
            throw new IllegalArgumentException("users come in whole numbers, but the steps were " + start + " and " + step);
        }
        if (maxSteps < 1 || maxSteps > 100) {
            throw new IllegalArgumentException("steps must be between 1 and 100, but was " + maxSteps);
        }
        if (stepDuration.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("each step must last at least 2s, but was "
                    + dev.scaledeck.engine.config.Durations.human(stepDuration));
        }
        if (p99Limit.isNegative() || p99Limit.isZero()) {
            throw new IllegalArgumentException("the p99 limit must be above 0, but was " + p99Limit);
        }
        if (!(maxErrorRatePercent >= 0 && maxErrorRatePercent <= 100)) {
            throw new IllegalArgumentException("the error rate limit must be 0..100 %, but was " + maxErrorRatePercent);
        }
        if (!(minGainPercent >= 0 && minGainPercent <= 100)) {
            throw new IllegalArgumentException("the minimum gain must be 0..100 %, but was " + minGainPercent);
        }
    }

    /**
     * The seed's {@code runBasicStressTest(url)}: 10, 20, ... 100 users, 10 s each, broken at
     * 10 % errors, p99 above 2 s, or throughput rising less than 5 %.
     */
    public static StressPlan basic(LoadTarget target) {
        return new StressPlan("stress", target, RequestSpec.get(), false, 10, 10, 10, Duration.ofSeconds(10),
                Duration.ofSeconds(2), 10, 5);
    }

    /** The load of step {@code index} (0-based). */
    public double load(int index) {
        return start + step * index;
    }

    /** The load-test plan of one step. */
    public LoadTestPlan stepPlan(int index) {
        double load = load(index);
        Workload workload = byRate
                ? new Workload.ConstantRate(load, (int) Math.min(10_000, Math.max(10, load)))
                : new Workload.Closed((int) load, Duration.ZERO, Duration.ZERO);
        return new LoadTestPlan(name + "-step-" + (index + 1), target, workload, stepDuration, request,
                java.util.List.of(), java.util.List.of(), false);
    }

    /** {@code users} or {@code requests/s}. */
    public String unit() {
        return byRate ? "requests/s" : "users";
    }
}
