package dev.scaledeck.engine.balancer;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the instances into a {@link BalancerStats}. Stateless apart from its collaborators; thread-safe. */
final class StatsCollector {

    private final RotationPlanner planner;

    StatsCollector(RotationPlanner planner) {
        this.planner = planner;
    }

    BalancerStats collect(List<Backend> all, Strategy strategy, boolean panic, Instant now) {
        List<Histogram> windows = new ArrayList<>(all.size());
        long windowTotal = 0;
        for (Backend b : all) {
            Histogram h = b.traffic.window(now);
            windows.add(h);
            windowTotal += h.getTotalCount();
        }
        List<InstanceStats> instances = new ArrayList<>(all.size());
        long requests = 0;
        long inFlight = 0;
        long errors = 0;
        int eligible = 0;
        for (int i = 0; i < all.size(); i++) {
            Backend b = all.get(i);
            Histogram h = windows.get(i);
            InstanceCondition c = b.health.condition();
            InstanceStats s = new InstanceStats(b.id(), b.spec.url(), b.spec.weight(),
                    planner.effectiveWeight(b, now) / (double) RotationPlanner.WEIGHT_SCALE, c.state(), c.reason(),
                    c.since(), b.traffic.requests(), b.inFlight.sum(), b.traffic.errors(),
                    percentileMs(h, 50), percentileMs(h, 99),
                    windowTotal == 0 ? 0 : h.getTotalCount() / (double) windowTotal, b.breaker.state());
            instances.add(s);
            requests += s.requests();
            inFlight += s.inFlight();
            errors += s.errors();
            eligible += s.eligible() ? 1 : 0;
        }
        return new BalancerStats(now, strategy, panic, instances, requests, inFlight, errors, eligible);
    }

    private static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
