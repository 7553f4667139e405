package dev.scaledeck.engine.loadtest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Feeds the {@link PerformanceMonitor} every running load test's latest snapshot, once per
 * second (the engine schedules {@link #tick}), and tells it when a run has ended. Not
 * thread-safe: one scheduled task calls it.
 */
public final class PerformanceWatch {

    private final Supplier<List<LoadTestRun>> running;
    private final PerformanceMonitor monitor;
    private final Set<String> watched = new HashSet<>();

    public PerformanceWatch(Supplier<List<LoadTestRun>> running, PerformanceMonitor monitor) {
        this.running = running;
        this.monitor = monitor;
    }

    /** One look at the running tests. */
    public void tick() {
        Set<String> now = new HashSet<>();
        for (LoadTestRun run : running.get()) {
            now.add(run.id());
            monitor.observe(run.id(), run.snapshot());
        }
        for (String gone : watched) {
            if (!now.contains(gone)) {
                monitor.ended(gone);
            }
        }
        watched.clear();
        watched.addAll(now);
    }
}
