package dev.scaledeck.engine.scaling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy would have done with a recorded metrics series: each point goes through the
 * same decision pipeline as the live auto-scaler, against a simulated fleet, touching no
 * platform and no database (the connection budget is not applied).
 * <p>
 * The simulation keeps the recorded load constant while the replica count changes: CPU and
 * connections per instance are scaled by recorded / simulated ready instances (CPU capped at
 * 100 %), since the same work spread over more instances loads each one less. Memory and
 * response time are replayed as recorded: how they respond to more instances depends on the
 * application, and guessing would make the curve look more certain than it is. New instances
 * count as capacity once the rules' warm-up has passed.
 */
public final class WhatIfReplay {

    private WhatIfReplay() {
    }

    /**
     * One point of the replay. Immutable.
     *
     * @param offset           time from the start of the series
     * @param recordedReplicas instances serving when the point was recorded
     * @param replicas         instances the policy would have had after this point's decision
     * @param decision         the decision, with its reason
     */
    public record Step(Duration offset, int recordedReplicas, int replicas, ScalingDecision decision) {
    }

    /**
     * The replica curve and its summary. Immutable.
     *
     * @param steps   one per point of the series
     * @param changes how many times the count changed
     * @param peak    the most instances at any point
     * @param fewest  the fewest instances at any point
     * @param instanceHours          instance-hours the policy would have run
     * @param recordedInstanceHours  instance-hours the recording ran
     */
    public record Result(List<Step> steps, int changes, int peak, int fewest, double instanceHours,
                         double recordedInstanceHours) {

        public Result {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Replays the series through the rules, starting from the first point's recorded replicas.
     */
    public static Result replay(ScalingRules rules, MetricsSeries series) {
        return replay(rules, series, series.points().get(0).replicas());
    }

    /**
     * Replays the series through the rules, starting from {@code startReplicas} ready instances.
     *
     * @throws IllegalArgumentException when startReplicas is below 1
     */
    public static Result replay(ScalingRules rules, MetricsSeries series, int startReplicas) {
        if (startReplicas < 1) {
            throw new IllegalArgumentException("startReplicas must be at least 1, but was " + startReplicas);
        }
        DecisionPipeline pipeline = new DecisionPipeline(rules, ZoneOffset.UTC);
        Instant start = Instant.EPOCH;
        int ready = startReplicas;
        Deque<Instant> warming = new ArrayDeque<>();
        List<Step> steps = new ArrayList<>();
        int changes = 0;
        int peak = startReplicas;
        int fewest = startReplicas;
        double hours = 0;
        double recordedHours = 0;
        MetricsSeries.Point previous = null;
        int previousReplicas = startReplicas;
        for (MetricsSeries.Point p : series.points()) {
            Instant now = start.plus(p.offset());
            while (!warming.isEmpty() && !now.isBefore(warming.peekFirst().plus(rules.warmup()))) {
                warming.removeFirst();
                ready++;
            }
            if (previous != null) {
                double span = (p.offset().toMillis() - previous.offset().toMillis()) / 3_600_000.0;
                hours += span * previousReplicas;
                recordedHours += span * previous.replicas();
            }
            int current = ready + warming.size();
            ScalingDecision d = pipeline.decide(now, new DecisionPipeline.Situation(current, ready, warming.size(),
                    spread(p, ready), ConnectionBudget.UNLIMITED, Optional.empty()), ScalingMode.APPLY);
            if (d.changes()) {
                pipeline.changed(now, current, d.desired());
                changes++;
                for (int i = current; i < d.desired(); i++) {
                    warming.addLast(now);
                }
                for (int i = d.desired(); i < current; i++) {
                    if (!warming.isEmpty()) {
                        warming.removeLast();
                    } else {
                        ready--;
                    }
                }
            }
            int after = ready + warming.size();
            peak = Math.max(peak, after);
            fewest = Math.min(fewest, after);
            steps.add(new Step(p.offset(), p.replicas(), after, d));
            previous = p;
            previousReplicas = after;
        }
        return new Result(steps, changes, peak, fewest, hours, recordedHours);
    }

    /** The recorded load over this many ready instances. */
    private static Map<Metric, Double> spread(MetricsSeries.Point p, int ready) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        double factor = p.replicas() / (double) Math.max(1, ready);
        for (Metric m : Metric.values()) {
            double v = p.value(m);
            if (Double.isNaN(v)) {
                continue;
            }
            values.put(m, switch (m) {
                case CPU -> Math.min(100, v * factor);
                case CONNECTIONS -> v * factor;
                case MEMORY, RESPONSE_TIME -> v;
            });
        }
        return values;
    }
}
