package dev.scaledeck.ui.overview;

import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.pool.PoolStats;
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
 * The system at a glance: the pool's key numbers, a chart of the traffic the instances serve
 * and the connections it takes, every instance, and the active alerts. Updated by the sampler on the UI thread.
 */
public final class OverviewViewModel implements LiveViewModel {

    private final ZoneId zone;
    private final LiveChartModel trafficChart =
            LiveChartModel.of("Traffic", "per second", "Requests (all instances)", "Connections acquired");
    private final RateMeter acquires = new RateMeter();
    private final ReadOnlyStringWrapper active = new ReadOnlyStringWrapper(this, "active", Formats.NONE);
    private final ReadOnlyStringWrapper activeDetail = new ReadOnlyStringWrapper(this, "activeDetail", "");
    private final ReadOnlyStringWrapper idle = new ReadOnlyStringWrapper(this, "idle", Formats.NONE);
    private final ReadOnlyStringWrapper idleDetail = new ReadOnlyStringWrapper(this, "idleDetail", "");
    private final ReadOnlyStringWrapper waiting = new ReadOnlyStringWrapper(this, "waiting", Formats.NONE);
    private final ReadOnlyStringWrapper waitingDetail = new ReadOnlyStringWrapper(this, "waitingDetail", "");
    private final ReadOnlyStringWrapper waitingStyle = new ReadOnlyStringWrapper(this, "waitingStyle", StatusStyles.SEVERITY_NONE);
    private final ReadOnlyStringWrapper acquireWaitP99 = new ReadOnlyStringWrapper(this, "acquireWaitP99", Formats.NONE);
    private final ReadOnlyStringWrapper acquireWaitDetail = new ReadOnlyStringWrapper(this, "acquireWaitDetail", "");
    private final ReadOnlyStringWrapper instancesSummary = new ReadOnlyStringWrapper(this, "instancesSummary", "");
    private final ObservableList<InstanceRow> instances = FXCollections.observableArrayList();
    private final ObservableList<InstanceRow> instancesReadOnly = FXCollections.unmodifiableObservableList(instances);
    private final ObservableList<AlertItem> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertItem> alertsReadOnly = FXCollections.unmodifiableObservableList(alerts);

    public OverviewViewModel() {
        this(ZoneId.systemDefault());
    }

    /** @param zone for the times alerts were raised */
    public OverviewViewModel(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        PoolStats pool = snapshot.pool();
        double requests = snapshot.instances().stream()
                .mapToDouble(InstanceStatus::requestsPerSecond).filter(r -> r >= 0).sum();
        trafficChart.add(snapshot.time(), requests, acquires.update(snapshot.time(), pool.acquired()));
        active.set(Formats.count(pool.active()));
        activeDetail.set("of " + Formats.count(pool.max()) + " max · " + Formats.percentOfOne(pool.utilisation()) + " busy");
        idle.set(Formats.count(pool.idle()));
        idleDetail.set(Formats.count(pool.total()) + " open · min " + Formats.count(pool.min()));
        waiting.set(Formats.count(pool.waiting()));
        waitingDetail.set(pool.exhausted() ? "pool exhausted" : pool.waiting() > 0 ? "callers queued" : "nobody queued");
        waitingStyle.set(pool.exhausted() ? StatusStyles.SEVERITY_CRITICAL
                : pool.waiting() > 0 ? StatusStyles.SEVERITY_WARNING : StatusStyles.SEVERITY_NONE);
        acquireWaitP99.set(Formats.millis(pool.acquireWaitP99()));
        acquireWaitDetail.set("p50 " + Formats.millis(pool.acquireWaitP50()) + " · "
                + Formats.count(pool.acquireTimeouts()) + " timeouts");
        BalancerStats balancer = snapshot.balancer();
        ObservableLists.replaceIfChanged(instances, snapshot.instances().stream()
                .map(s -> InstanceRow.of(s, balancer.instance(s.id()))).toList());
        long taking = instances.stream().filter(InstanceRow::takesTraffic).count();
        instancesSummary.set(instances.isEmpty() ? "No instances configured"
                : taking + " of " + instances.size() + (instances.size() == 1 ? " instance takes" : " instances take")
                + " traffic");
        ObservableLists.replaceIfChanged(alerts, snapshot.activeAlerts().stream().map(a -> AlertItem.of(a, zone)).toList());
    }

    /** Requests per second over all instances and connections acquired per second, over the last minute. */
    public LiveChartModel trafficChart() {
        return trafficChart;
    }

    public ReadOnlyStringProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** {@code of 20 max · 15 % busy}. */
    public ReadOnlyStringProperty activeDetailProperty() {
        return activeDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty idleProperty() {
        return idle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty idleDetailProperty() {
        return idleDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty waitingDetailProperty() {
        return waitingDetail.getReadOnlyProperty();
    }

    /** Warning while callers queue, critical while the pool is exhausted. */
    public ReadOnlyStringProperty waitingStyleProperty() {
        return waitingStyle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty acquireWaitP99Property() {
        return acquireWaitP99.getReadOnlyProperty();
    }

    /** {@code p50 0.10 ms · 0 timeouts}. */
    public ReadOnlyStringProperty acquireWaitDetailProperty() {
        return acquireWaitDetail.getReadOnlyProperty();
    }

    /** {@code 2 of 3 instances take traffic}, as the balancer says. */
    public ReadOnlyStringProperty instancesSummaryProperty() {
        return instancesSummary.getReadOnlyProperty();
    }

    /** Every instance, by id, in the balancer's state. */
    public ObservableList<InstanceRow> instances() {
        return instancesReadOnly;
    }

    /** Active alerts, most severe first. */
    public ObservableList<AlertItem> alerts() {
        return alertsReadOnly;
    }
}
