package dev.scaledeck.ui.balancer;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.BreakerState;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.balancer.PanicMode;
import dev.scaledeck.engine.balancer.Strategy;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.BackgroundTask;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.RateMeter;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load balancer in detail: every instance with its state, weight, traffic and latency, a live
 * chart of how the requests spread over the instances, the strategy, and the operator's actions
 * on one instance (eject, restore, drain; stop and start its server when the engine knows the
 * platform). Dangerous actions ask first and say what will happen. Updated by the sampler on the
 * UI thread; actions run through the {@link TaskExecutor}.
 */
public final class BalancerViewModel implements LiveViewModel {

    /** Lines the distribution chart draws at most; further instances share one line. */
    public static final int MAX_CHART_SERIES = 8;
    /** The line for the instances beyond {@link #MAX_CHART_SERIES} - 1. */
    public static final String OTHER_INSTANCES = "other instances";
    /** What an operator ejection is journalled with. */
    static final String EJECT_REASON = "ejected from the window";

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private ScalingEngine engine;
    private PanicMode panicMode = PanicMode.FAIL_FAST;
    private boolean platformKnown;

    private final ObservableList<BalancerInstanceRow> instances = FXCollections.observableArrayList();
    private final ObservableList<BalancerInstanceRow> instancesReadOnly = FXCollections.unmodifiableObservableList(instances);
    private final Map<String, BalancerInstanceRow> rowsById = new HashMap<>();
    private final Map<String, RateMeter> rates = new HashMap<>();
    /** Requests per second of each instance at the latest snapshot. */
    private final Map<String, Double> lastRates = new HashMap<>();
    private Instant previousTime;
    private final ReadOnlyObjectWrapper<LiveChartModel> distributionChart = new ReadOnlyObjectWrapper<>(this,
            "distributionChart", LiveChartModel.of("Requests per instance", "requests / s", OTHER_INSTANCES));
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy");
    private boolean showingEngineStrategy;
    private final ObjectProperty<BalancerInstanceRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canEject = new ReadOnlyBooleanWrapper(this, "canEject");
    private final ReadOnlyBooleanWrapper canRestore = new ReadOnlyBooleanWrapper(this, "canRestore");
    private final ReadOnlyBooleanWrapper canDrain = new ReadOnlyBooleanWrapper(this, "canDrain");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyBooleanWrapper panic = new ReadOnlyBooleanWrapper(this, "panic");
    private final ReadOnlyStringWrapper panicText = new ReadOnlyStringWrapper(this, "panicText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the engine");
    private final ReadOnlyStringWrapper selectionText = new ReadOnlyStringWrapper(this, "selectionText",
            "Select an instance in the table to act on it");
    private final ReadOnlyStringWrapper platformText = new ReadOnlyStringWrapper(this, "platformText", "");
    private final ReadOnlyStringWrapper actionStatus = new ReadOnlyStringWrapper(this, "actionStatus", "");

    /**
     * @param tasks   runs the actions off the UI thread
     * @param dialogs confirms dangerous actions and reports failures
     */
    public BalancerViewModel(TaskExecutor tasks, DialogService dialogs) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        strategy.addListener((obs, old, now) -> strategyChosen(now));
        selected.addListener((obs, old, now) -> refreshActions());
    }

    @Override
    public void engineStarted(ScalingEngine engine) {
        this.engine = engine;
        this.panicMode = engine.balancer().config().panicMode();
        ready.set(true);
        refreshActions();
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        BalancerStats stats = snapshot.balancer();
        platformKnown = snapshot.hasPlatform();
        showEngineStrategy(stats.strategy());
        Set<String> present = new HashSet<>();
        double totalRate = 0;
        for (InstanceStats s : stats.instances()) {
            present.add(s.id());
            double rate = rates.computeIfAbsent(s.id(), id -> new RateMeter()).update(stats.time(), s.requests());
            totalRate += rate;
            BalancerInstanceRow row = rowsById.computeIfAbsent(s.id(), BalancerInstanceRow::new);
            row.setHealth(s.state(), stateText(s), StatusStyles.of(s.state()));
            row.setBreaker(breakerText(s.breakerState()), StatusStyles.of(s.breakerState()));
            Optional<PlatformInstance> onPlatform = snapshot.platformInstance(s.id());
            row.setProcess(onPlatform.map(PlatformInstance::running).orElse(null),
                    onPlatform.map(p -> p.running() ? "running" : "stopped").orElse(Formats.NONE),
                    onPlatform.map(p -> p.running() ? StatusStyles.GOOD : StatusStyles.BAD).orElse(null));
            row.setFigures(s.url().toString(), weightText(s.weight(), s.effectiveWeight()), s.inFlight(),
                    Formats.rate(rate), Formats.millis(s.latencyP50Ms()), Formats.millis(s.latencyP99Ms()),
                    Formats.percentOfOne(s.trafficShare()), Formats.count(s.errors()));
            lastRates.put(s.id(), rate);
        }
        rowsById.keySet().retainAll(present);
        rates.keySet().retainAll(present);
        lastRates.keySet().retainAll(present);
        syncRows(stats.instances());
        addDistributionPoint(snapshot, stats);
        previousTime = stats.time();
        panic.set(stats.panic());
        panicText.set(stats.panic() ? panicText() : "");
        summary.set(summaryText(stats, totalRate));
        platformText.set(!snapshot.hasPlatform()
                ? "No platform: the engine only watches these instances, so Stop and Start are unavailable."
                : snapshot.platformInstances().isEmpty()
                ? "The " + snapshot.platform() + " platform replaces its instances itself: Stop and Start are for "
                        + "local instances; scale in the Scaling view."
                : "Stop and Start act on the instance's server on the " + snapshot.platform() + " platform.");
        refreshActions();
    }

    /** Adds and removes rows in place, in the balancer's order, so the selection survives. */
    private void syncRows(List<InstanceStats> order) {
        instances.removeIf(row -> !rowsById.containsKey(row.id()));
        for (int i = 0; i < order.size(); i++) {
            BalancerInstanceRow row = rowsById.get(order.get(i).id());
            if (i >= instances.size() || instances.get(i) != row) {
                instances.remove(row);
                instances.add(i, row);
            }
        }
        if (selected.get() != null && !rowsById.containsKey(selected.get().id())) {
            selected.set(null);
        }
    }

    private void addDistributionPoint(EngineSnapshot snapshot, BalancerStats stats) {
        List<String> names = seriesNames(stats.instances());
        LiveChartModel chart = distributionChart.get();
        if (!chart.seriesNames().equals(names)) {
            chart = chart.withSeries(names);
            distributionChart.set(chart);
        }
        if (previousTime == null) {
            return; // no delta yet: a 0 here would draw a ramp that never happened
        }
        double[] point = new double[names.size()];
        List<InstanceStats> all = stats.instances();
        for (int i = 0; i < all.size(); i++) {
            int series = Math.min(i, names.size() - 1);
            point[series] += lastRates.getOrDefault(all.get(i).id(), 0.0);
        }
        chart.add(snapshot.time(), point);
    }

    /** One line per instance, up to {@link #MAX_CHART_SERIES}; the rest share {@link #OTHER_INSTANCES}. */
    static List<String> seriesNames(List<InstanceStats> instances) {
        if (instances.isEmpty()) {
            return List.of(OTHER_INSTANCES);
        }
        List<String> names = new ArrayList<>();
        boolean overflow = instances.size() > MAX_CHART_SERIES;
        int own = overflow ? MAX_CHART_SERIES - 1 : instances.size();
        for (int i = 0; i < own; i++) {
            names.add(instances.get(i).id());
        }
        if (overflow) {
            names.add(OTHER_INSTANCES);
        }
        return List.copyOf(names);
    }

    /** {@code 5}, or {@code 5 (ramping 0.5)} while slow start holds the weight below the configured one. */
    static String weightText(int weight, double effective) {
        if (effective >= weight - 1e-6) {
            return String.valueOf(weight);
        }
        String now = effective >= 10 ? String.format(Locale.ROOT, "%.0f", effective)
                : String.format(Locale.ROOT, "%.1f", effective);
        return weight + " (ramping " + now + ")";
    }

    private static String stateText(InstanceStats s) {
        boolean quiet = s.state() == InstanceHealth.HEALTHY || s.reason() == null || s.reason().isBlank();
        return quiet ? s.state().name() : s.state().name() + " · " + s.reason();
    }

    private static String breakerText(BreakerState breaker) {
        return switch (breaker) {
            case CLOSED -> "closed";
            case OPEN -> "OPEN";
            case HALF_OPEN -> "half-open";
        };
    }

    private String panicText() {
        return panicMode == PanicMode.SPREAD
                ? "PANIC: no instance is eligible, so the balancer spreads requests over every instance that is not"
                + " draining, healthy or not."
                : "PANIC: no instance is eligible; requests through the balancer fail until an instance is healthy again.";
    }

    private static String summaryText(BalancerStats stats, double totalRate) {
        int n = stats.instances().size();
        if (n == 0) {
            return "No instances in the balancer";
        }
        return n + (n == 1 ? " instance · " : " instances · ") + stats.eligible() + " taking traffic · "
                + Formats.rate(totalRate) + " requests/s · " + Formats.count(stats.inFlight()) + " in flight · "
                + Formats.count(stats.errors()) + " errors";
    }

    /** How a strategy reads in the selector. */
    public static String strategyName(Strategy strategy) {
        if (strategy == null) {
            return "";
        }
        return switch (strategy) {
            case SMOOTH_WEIGHTED_ROUND_ROBIN -> "Smooth weighted round-robin";
            case LEAST_CONNECTIONS -> "Least connections";
            case ROUND_ROBIN -> "Round-robin (ignores weights)";
        };
    }

    private void showEngineStrategy(Strategy current) {
        if (strategy.get() != current) {
            showingEngineStrategy = true;
            try {
                strategy.set(current);
            } finally {
                showingEngineStrategy = false;
            }
        }
    }

    private void strategyChosen(Strategy chosen) {
        if (showingEngineStrategy || chosen == null || engine == null || engine.balancer().strategy() == chosen) {
            return;
        }
        try {
            engine.balancer().setStrategy(chosen);
            actionStatus.set("Strategy is now " + strategyName(chosen));
        } catch (RuntimeException e) {
            dialogs.showError("Could not change the strategy", e.getMessage(), e);
            showEngineStrategy(engine.balancer().strategy());
        }
    }

    private void refreshActions() {
        BalancerInstanceRow row = selected.get();
        boolean can = engine != null && row != null && !busy.get() && row.health() != null;
        InstanceHealth h = can ? row.health() : null;
        canEject.set(can && (h == InstanceHealth.HEALTHY || h == InstanceHealth.UNHEALTHY));
        canRestore.set(can && h == InstanceHealth.EJECTED);
        canDrain.set(can && (h == InstanceHealth.HEALTHY || h == InstanceHealth.UNHEALTHY || h == InstanceHealth.EJECTED));
        canStop.set(can && platformKnown && Boolean.TRUE.equals(row.running()));
        canStart.set(can && platformKnown && Boolean.FALSE.equals(row.running()));
        selectionText.set(row == null ? "Select an instance in the table to act on it"
                : "Selected: " + row.id() + " (" + (h == null ? Formats.NONE : h.name()) + ")");
    }

    /** Takes the selected instance out of traffic until restored, once the operator confirms. */
    public void eject() {
        BalancerInstanceRow row = actionable(canEject);
        if (row == null) {
            return;
        }
        String id = row.id();
        if (!dialogs.confirm("Eject " + id + "?", "Eject " + id + "? It takes no new requests until you restore it;"
                + " its in-flight requests (" + row.inFlightCount() + " now) finish. The other instances take its share.",
                "Eject " + id)) {
            return;
        }
        run("Ejecting " + id, "Could not eject " + id, progress -> {
            engine.balancer().eject(id, EJECT_REASON);
            return id + " ejected: it takes no new requests until restored";
        });
    }

    /** Brings the selected ejected instance back through slow start. Not dangerous: no question. */
    public void restore() {
        BalancerInstanceRow row = actionable(canRestore);
        if (row == null) {
            return;
        }
        String id = row.id();
        run("Restoring " + id, "Could not restore " + id, progress -> {
            engine.balancer().restore(id);
            return id + " restored: its share grows back over the slow-start window";
        });
    }

    /** Drains the selected instance, once the operator confirms: no new requests, for good. */
    public void drain() {
        BalancerInstanceRow row = actionable(canDrain);
        if (row == null) {
            return;
        }
        String id = row.id();
        if (!dialogs.confirm("Drain " + id + "?", "Drain " + id + "? It takes no new requests from now on and its "
                + "in-flight requests (" + row.inFlightCount() + " now) finish. A drained instance cannot be restored "
                + "from this window: it stays DRAINING until it is removed.", "Drain " + id)) {
            return;
        }
        run("Draining " + id, "Could not drain " + id, progress -> {
            engine.balancer().drain(id).whenComplete((done, failure) -> tasks.runInUiThread(() ->
                    actionStatus.set(failure == null ? id + " drained: no requests in flight any more"
                            : "Draining " + id + " did not finish: " + failure.getMessage())));
            return id + " draining: waiting for its in-flight requests";
        });
    }

    /** Stops the selected instance's server on the platform, once the operator confirms. */
    public void stop() {
        BalancerInstanceRow row = actionable(canStop);
        if (row == null) {
            return;
        }
        String id = row.id();
        if (!dialogs.confirm("Stop " + id + "?", "Stop " + id + "? Its server shuts down as a crash would: its "
                + "in-flight requests (" + row.inFlightCount() + " now) fail, and the balancer marks it UNHEALTHY once "
                + "its health probes fail. Start brings it back at the same address.", "Stop " + id)) {
            return;
        }
        run("Stopping " + id, "Could not stop " + id, progress -> {
            platform().stop(id);
            return id + " stopped";
        });
    }

    /** Starts the selected stopped instance's server again. Not dangerous: no question. */
    public void start() {
        BalancerInstanceRow row = actionable(canStart);
        if (row == null) {
            return;
        }
        String id = row.id();
        run("Starting " + id, "Could not start " + id, progress -> {
            platform().start(id);
            return id + " started: the balancer sends it traffic once its health probes pass";
        });
    }

    private ScalingPlatform platform() {
        return engine.platform().orElseThrow(() -> new IllegalStateException(
                "The engine knows no platform for these instances, so it cannot stop or start them"));
    }

    private BalancerInstanceRow actionable(ReadOnlyBooleanWrapper allowed) {
        return allowed.get() ? selected.get() : null;
    }

    private void run(String doing, String failureTitle, BackgroundTask<String> task) {
        busy.set(true);
        refreshActions();
        actionStatus.set(doing + "…");
        tasks.execute(task, actionStatus::set, done -> {
            busy.set(false);
            actionStatus.set(done);
            refreshActions();
        }, failure -> {
            busy.set(false);
            actionStatus.set(failureTitle);
            refreshActions();
            dialogs.showError(failureTitle, failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                    failure);
        });
    }

    /** Every instance in the balancer, in the order they were added. Rows change in place. */
    public ObservableList<BalancerInstanceRow> instances() {
        return instancesReadOnly;
    }

    /** The row with this id, if the balancer has that instance. */
    public Optional<BalancerInstanceRow> instance(String id) {
        return Optional.ofNullable(rowsById.get(id));
    }

    /**
     * Requests per second per instance over the last minute, one line each. A new model replaces
     * this one (keeping the history of instances that stay) when instances join or leave.
     */
    public ReadOnlyObjectProperty<LiveChartModel> distributionChartProperty() {
        return distributionChart.getReadOnlyProperty();
    }

    public LiveChartModel distributionChart() {
        return distributionChart.get();
    }

    /** The strategy in use; setting it changes the balancer's strategy. */
    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    public List<Strategy> strategies() {
        return List.of(Strategy.values());
    }

    /** The instance the actions apply to; the view sets it from the table's selection. */
    public ObjectProperty<BalancerInstanceRow> selectedProperty() {
        return selected;
    }

    /** Selects the instance with this id, or nothing when there is no such instance. */
    public void select(String id) {
        selected.set(rowsById.get(id));
    }

    /** Whether the engine runs, so the strategy and the actions can reach it. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Whether an action is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canEjectProperty() {
        return canEject.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestoreProperty() {
        return canRestore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDrainProperty() {
        return canDrain.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** Whether no instance is eligible. */
    public ReadOnlyBooleanProperty panicProperty() {
        return panic.getReadOnlyProperty();
    }

    /** What panic means for requests now; empty outside panic. */
    public ReadOnlyStringProperty panicTextProperty() {
        return panicText.getReadOnlyProperty();
    }

    /** {@code 3 instances · 2 taking traffic · 41.5 requests/s · 2 in flight · 0 errors}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Which instance the buttons act on. */
    public ReadOnlyStringProperty selectionTextProperty() {
        return selectionText.getReadOnlyProperty();
    }

    /** Whether Stop and Start can work, and why not. */
    public ReadOnlyStringProperty platformTextProperty() {
        return platformText.getReadOnlyProperty();
    }

    /** What the last action did, or is doing. */
    public ReadOnlyStringProperty actionStatusProperty() {
        return actionStatus.getReadOnlyProperty();
    }
}
