package dev.scaledeck.engine.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a load test needs, validated. Immutable.
 *
 * @param name        for reports and the run's id, e.g. {@code cluster-50-users}
 * @param target      where requests go
 * @param workload    how load is offered
 * @param duration    how long it runs (ramp-up included), 1 s to 24 h
 * @param request     what each HTTP request is
 * @param checks      checks on each answer
 * @param thresholds  pass/fail rules on the whole run
 * @param abortOnFail stop early when a threshold is clearly lost (an error rate so high the rest
 *                    of the run cannot bring it back, say)
 */
public record LoadTestPlan(String name, LoadTarget target, Workload workload, Duration duration, RequestSpec request,
                           List<Check> checks, List<Threshold> thresholds, boolean abortOnFail) {

    public LoadTestPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(request, "request");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("duration must be from 1s to 24h, but was "
                    + dev.scaledeck.engine.config.Durations.human(duration));
        }
        if (workload instanceof Workload.Closed closed && closed.rampUp().compareTo(duration) > 0) {
            throw new IllegalArgumentException("ramp-up (" + dev.scaledeck.engine.config.Durations.human(closed.rampUp())
                    + ") must not be longer than the duration (" + dev.scaledeck.engine.config.Durations.human(duration) + ")");
        }
        checks = List.copyOf(checks);
        thresholds = List.copyOf(thresholds);
    }
}
