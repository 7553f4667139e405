package dev.scaledeck.ui.pool;

import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.engine.pool.ResourceMetrics;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.AlertItem;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.RateMeter;
import dev.scaledeck.ui.common.StatusStyles;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;

/**
 * The connection pool in detail: live connection counts and acquire waits, the pool's
 * counters, the JVM figures that affect it, and the pool's alerts. Updated by the sampler on
 * the UI thread.
 */
public final class PoolViewModel implements LiveViewModel {

    /** The alert source the pool's alerts carry. */
    public static final String ALERT_SOURCE = "pool";

    private final ZoneId zone;
    private final LiveChartModel connectionsChart =
            LiveChartModel.of("Connections", "connections", "Active", "Idle", "Waiting");
    private final LiveChartModel acquireWaitChart = LiveChartModel.of("Acquire wait", "ms", "p50", "p99");
    private final LiveChartModel acquireRateChart = LiveChartModel.of("Acquires", "per second", "Acquired", "Timed out");
    private final RateMeter acquiredRate = new RateMeter();
    private final RateMeter timeoutRate = new RateMeter();
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url", Formats.NONE);
    private final ReadOnlyStringWrapper min = text("min");
    private final ReadOnlyStringWrapper max = text("max");
    private final ReadOnlyStringWrapper total = text("total");
    private final ReadOnlyStringWrapper busy = text("busy");
    private final ReadOnlyStringWrapper acquired = text("acquired");
    private final ReadOnlyStringWrapper timeouts = text("timeouts");
    private final ReadOnlyStringWrapper timeoutsStyle = new ReadOnlyStringWrapper(this, "timeoutsStyle", StatusStyles.SEVERITY_NONE);
    private final ReadOnlyStringWrapper leakWarnings = text("leakWarnings");
    private final ReadOnlyStringWrapper leakWarningsStyle = new ReadOnlyStringWrapper(this, "leakWarningsStyle", StatusStyles.SEVERITY_NONE);
    private final ReadOnlyStringWrapper heap = text("heap");
    private final ReadOnlyStringWrapper gcPause = text("gcPause");
    private final ReadOnlyStringWrapper schedulerLag = text("schedulerLag");
    private final ObservableList<AlertItem> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertItem> alertsReadOnly = FXCollections.unmodifiableObservableList(alerts);

    public PoolViewModel() {
        this(ZoneId.systemDefault());
    }

    /** @param zone for the times alerts were raised */
    public PoolViewModel(ZoneId zone) {
        this.zone = zone;
    }

    private ReadOnlyStringWrapper text(String name) {
        return new ReadOnlyStringWrapper(this, name, Formats.NONE);
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        PoolStats pool = snapshot.pool();
        connectionsChart.add(snapshot.time(), pool.active(), pool.idle(), pool.waiting());
        acquireWaitChart.add(snapshot.time(), Formats.toMillis(pool.acquireWaitP50()), Formats.toMillis(pool.acquireWaitP99()));
        acquireRateChart.add(snapshot.time(), acquiredRate.update(snapshot.time(), pool.acquired()),
                timeoutRate.update(snapshot.time(), pool.acquireTimeouts()));
        url.set(snapshot.databaseUrl());
        min.set(Formats.count(pool.min()));
        max.set(Formats.count(pool.max()));
        total.set(Formats.count(pool.total()));
        busy.set(Formats.percentOfOne(pool.utilisation()));
        acquired.set(Formats.count(pool.acquired()));
        timeouts.set(Formats.count(pool.acquireTimeouts()));
        timeoutsStyle.set(pool.acquireTimeouts() > 0 ? StatusStyles.SEVERITY_WARNING : StatusStyles.SEVERITY_NONE);
        leakWarnings.set(Formats.count(pool.leakWarnings()));
        leakWarningsStyle.set(pool.leakWarnings() > 0 ? StatusStyles.SEVERITY_WARNING : StatusStyles.SEVERITY_NONE);
        ResourceMetrics jvm = snapshot.resources();
        heap.set(Formats.percent(jvm.heapPercent()) + " · " + Formats.mebibytes(jvm.heapUsed()) + " of "
                + Formats.mebibytes(jvm.heapMax()));
        gcPause.set(Formats.millis(jvm.gcPause()));
        schedulerLag.set(Formats.millis(jvm.schedulerLag()));
        ObservableLists.replaceIfChanged(alerts, snapshot.activeAlerts().stream()
                .filter(a -> ALERT_SOURCE.equals(a.source()))
                .map(a -> AlertItem.of(a, zone))
                .toList());
    }

    /** Active, idle and waiting over the last minute. */
    public LiveChartModel connectionsChart() {
        return connectionsChart;
    }

    /** Connections acquired and acquire timeouts per second over the last minute. */
    public LiveChartModel acquireRateChart() {
        return acquireRateChart;
    }

    /** Acquire wait p50 and p99 in milliseconds over the last minute. */
    public LiveChartModel acquireWaitChart() {
        return acquireWaitChart;
    }

    /** The database URL, password masked. */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty minProperty() {
        return min.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty maxProperty() {
        return max.getReadOnlyProperty();
    }

    /** Connections open. */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Share of the maximum lent out. */
    public ReadOnlyStringProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Connections lent out since start. */
    public ReadOnlyStringProperty acquiredProperty() {
        return acquired.getReadOnlyProperty();
    }

    /** Callers that gave up waiting since start. */
    public ReadOnlyStringProperty timeoutsProperty() {
        return timeouts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeoutsStyleProperty() {
        return timeoutsStyle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leakWarningsProperty() {
        return leakWarnings.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leakWarningsStyleProperty() {
        return leakWarningsStyle.getReadOnlyProperty();
    }

    /** {@code 12 % · 480 MiB of 4,096 MiB}. */
    public ReadOnlyStringProperty heapProperty() {
        return heap.getReadOnlyProperty();
    }

    /** GC time in the last monitor interval. */
    public ReadOnlyStringProperty gcPauseProperty() {
        return gcPause.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty schedulerLagProperty() {
        return schedulerLag.getReadOnlyProperty();
    }

    /** Active alerts from the pool, most severe first. */
    public ObservableList<AlertItem> alerts() {
        return alertsReadOnly;
    }
}
