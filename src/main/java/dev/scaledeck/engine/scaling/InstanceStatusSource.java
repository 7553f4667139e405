package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.balancer.InstanceMonitor;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics from each instance's own {@code /metrics}, as the instance monitor last scraped them.
 * Only instances that are up count: a down instance is no capacity. For the sample service's
 * JSON, CPU is the share of busy workers and memory is not reported; for Prometheus text, see
 * {@link dev.scaledeck.engine.balancer.ScrapedMetrics}. Connections are requests in flight;
 * response time is the instance's 95th percentile.
 */
public final class InstanceStatusSource implements MetricsSource {

    private final InstanceMonitor monitor;
    private final Clock clock;

    public InstanceStatusSource(InstanceMonitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "instances' /metrics";
    }

    @Override
    public List<InstanceMetrics> collect() {
        List<InstanceMetrics> out = new ArrayList<>();
        for (InstanceStatus s : monitor.snapshot()) {
            if (s.state() != InstanceState.UP
                    || (s.cpuPercent() < 0 && s.memoryPercent() < 0 && s.inFlight() < 0 && s.latencyP95Ms() < 0)) {
                continue;
            }
            out.add(new InstanceMetrics(s.id(), clock.instant(), known(s.cpuPercent()), known(s.memoryPercent()),
                    known(s.inFlight()), known(s.latencyP95Ms())));
        }
        return out;
    }

    private static double known(double value) {
        return value < 0 ? Double.NaN : value;
    }
}
