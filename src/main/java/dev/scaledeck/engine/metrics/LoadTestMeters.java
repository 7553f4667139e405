package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.loadtest.LoadTestRun;
import dev.scaledeck.engine.loadtest.LoadTestSnapshot;
import dev.scaledeck.engine.loadtest.LoadTester;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Load tests under way, from each run's latest per-second snapshot. */
final class LoadTestMeters implements MeterGroup {

    private final LoadTester tester;
    private final MeterFamily running;
    private final MeterFamily rate;
    private final MeterFamily latency;
    private final MeterFamily errors;

    LoadTestMeters(Families f, LoadTester tester) {
        this.tester = tester;
        running = f.gauge("loadtest.running", "Load tests under way");
        rate = f.gauge("loadtest.requests.per.second", "Requests completed in the last second, over the running tests");
        latency = f.seconds("loadtest.latency", "Latency of the last second of the running test (the worst, with several), by quantile; NaN when none runs");
        errors = f.gauge("loadtest.errors", "Errors so far of the running tests");
    }

    @Override
    public String name() {
        return "load tests";
    }

    @Override
    public void refresh() {
        List<LoadTestSnapshot> live = tester.running().stream().map(LoadTestRun::snapshot).toList();
        running.set(live.size());
        rate.set(live.stream().mapToDouble(LoadTestSnapshot::requestsPerSecond).sum());
        errors.set(live.stream().mapToLong(LoadTestSnapshot::errorCount).sum());
        latency.set(Map.of(Tags.of("quantile", "0.5"), worstSeconds(live, LoadTestSnapshot::p50Ms),
                Tags.of("quantile", "0.99"), worstSeconds(live, LoadTestSnapshot::p99Ms)));
    }

    /** The highest of the runs' figures in seconds; NaN (no request completed in the last second) does not count. */
    private static double worstSeconds(List<LoadTestSnapshot> live, ToDoubleFunction<LoadTestSnapshot> millis) {
        return Families.millisToSeconds(live.stream().mapToDouble(millis).filter(v -> !Double.isNaN(v)).max().orElse(-1));
    }
}
