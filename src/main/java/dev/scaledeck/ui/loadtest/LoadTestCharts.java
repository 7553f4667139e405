package dev.scaledeck.ui.loadtest;

import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.LoadTestSnapshot;
import dev.scaledeck.engine.loadtest.Workload;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.RateMeter;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;

/**
 * The live charts of the window's load test, one point per per-second snapshot of the run:
 * throughput, latency percentiles of that second, errors per second (from the run's cumulative
 * count) and the load offered (active users and in flight for the users model; asked and
 * achieved rate for the rate model), and the share of requests per instance (cluster target).
 * A snapshot already charted (the sampler ticks faster than the run's seconds) is skipped.
 * Charts are bounded ring buffers. UI thread only.
 */
public final class LoadTestCharts {

    public static final String ACHIEVED = "requests/s";
    public static final String P50 = "p50";
    public static final String P90 = "p90";
    public static final String P99 = "p99";
    public static final String ERRORS = "errors/s";
    public static final String USERS = "active users";
    public static final String IN_FLIGHT = "in flight";
    public static final String ASKED = "asked";
    public static final String ACHIEVED_RATE = "achieved";
    /** Ten minutes of one point a second; a longer run shows its last ten minutes. */
    private static final int CAPACITY = 600;
    private static final Duration SPAN = Duration.ofMinutes(10);

    private final LiveChartModel throughput = chart("Throughput", "requests/s", ACHIEVED);
    private final LiveChartModel latency = chart("Latency of each second", "ms", P50, P90, P99);
    private final LiveChartModel errors = chart("Errors", "errors/s", ERRORS);
    private final ReadOnlyObjectWrapper<LiveChartModel> load = new ReadOnlyObjectWrapper<>(this, "load",
            usersChart());
    private final ObservableList<InstanceShare> shares = FXCollections.observableArrayList();
    private final ObservableList<InstanceShare> sharesReadOnly = FXCollections.unmodifiableObservableList(shares);
    private RateMeter errorRate = new RateMeter();
    private Duration lastElapsed;

    private static LiveChartModel chart(String title, String unit, String... series) {
        return new LiveChartModel(title, unit, CAPACITY, SPAN, List.of(series));
    }

    private static LiveChartModel usersChart() {
        return chart("Virtual users", "users", USERS, IN_FLIGHT);
    }

    /** Empties every chart for a new run of {@code plan}, starting from its first snapshot. */
    void reset(LoadTestPlan plan, LoadTestSnapshot first) {
        throughput.clear();
        latency.clear();
        errors.clear();
        load.set(plan.workload() instanceof Workload.Closed ? usersChart()
                : chart("Arrival rate", "requests/s", ASKED, ACHIEVED_RATE));
        shares.clear();
        errorRate = new RateMeter();
        errorRate.update(first.at(), first.errorCount());
        lastElapsed = first.elapsed();
    }

    /** Adds the snapshot's second to every chart, unless it was charted already. */
    void add(LoadTestSnapshot s) {
        if (lastElapsed != null && s.elapsed().compareTo(lastElapsed) <= 0) {
            return;
        }
        lastElapsed = s.elapsed();
        throughput.add(s.at(), s.requestsPerSecond());
        latency.add(s.at(), orZero(s.p50Ms()), orZero(s.p90Ms()), orZero(s.p99Ms()));
        errors.add(s.at(), errorRate.update(s.at(), s.errorCount()));
        if (load.get().seriesNames().contains(USERS)) {
            load.get().add(s.at(), s.activeUsers(), s.inFlight());
        } else {
            load.get().add(s.at(), s.targetRate(), s.requestsPerSecond());
        }
        ObservableLists.replaceIfChanged(shares, InstanceShare.of(s.perInstance()));
    }

    /** A second in which no request completed has no percentiles: drawn at 0, the figures line says "—". */
    private static double orZero(double ms) {
        return Double.isNaN(ms) ? 0 : ms;
    }

    public LiveChartModel throughput() {
        return throughput;
    }

    /** p50, p90 and p99 of each second, ms (in the rate model from each request's scheduled time). */
    public LiveChartModel latency() {
        return latency;
    }

    public LiveChartModel errors() {
        return errors;
    }

    /** Users and in flight, or asked and achieved rate; replaced when a run of the other model starts. */
    public ReadOnlyObjectProperty<LiveChartModel> loadProperty() {
        return load.getReadOnlyProperty();
    }

    public LiveChartModel load() {
        return load.get();
    }

    /** Requests per instance so far, by instance id (cluster target). */
    public ObservableList<InstanceShare> shares() {
        return sharesReadOnly;
    }
}
