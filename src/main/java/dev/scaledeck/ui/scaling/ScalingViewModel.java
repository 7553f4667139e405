package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.ScalingAction;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingMode;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.Parsed;
import dev.scaledeck.ui.common.ScalingSnapshot;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The auto-scaler at a glance: where the instances run and how many, the policy and mode, the
 * latest decision; replica counts over time; each metric against its thresholds; the decision
 * log, newest first; and the operator's controls: the auto-apply switch, "scale to N" (asks
 * first, says what will happen) and the policy editor ({@link PolicyEditorViewModel}). Updated
 * by the sampler on the UI thread; every call into the auto-scaler runs through the
 * {@link TaskExecutor}, since an evaluation holds the auto-scaler while a platform call retries.
 */
public final class ScalingViewModel implements LiveViewModel {

    /** Who a scale from this window is journaled as. */
    public static final String WHO = "operator (window)";
    /** The replica chart's lines: what the platform was asked for, what the auto-scaler wants, what is ready. */
    public static final String CURRENT = "current";
    public static final String DESIRED = "desired";
    public static final String READY = "ready";
    /** A replica chart point at least this often even when nothing changes. */
    private static final Duration CHART_EVERY = Duration.ofSeconds(2);

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final PolicyEditorViewModel policyEditor;
    private final DecisionLog log;
    private final TrafficDialViewModel traffic;
    private final WhatIfViewModel whatIf;
    private final List<MetricPanel> metrics = new ArrayList<>();
    private ScalingEngine engine;
    private ScalingSnapshot latest;
    private Instant lastChartTime;
    private double[] lastChartPoint;
    /** A mode the operator chose that the auto-scaler has not taken yet; snapshots do not undo it meanwhile. */
    private ScalingMode modeInFlight;
    private boolean showingEngineMode;

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the engine");
    private final ReadOnlyStringWrapper platformText = new ReadOnlyStringWrapper(this, "platformText", "");
    private final ReadOnlyStringWrapper policyText = new ReadOnlyStringWrapper(this, "policyText", "");
    private final ReadOnlyStringWrapper modeText = new ReadOnlyStringWrapper(this, "modeText", "");
    private final ReadOnlyObjectWrapper<StatusLine> latestDecision = new ReadOnlyObjectWrapper<>(this,
            "latestDecision", StatusLine.plain(""));
    private final ReadOnlyObjectWrapper<StatusLine> lastChange = new ReadOnlyObjectWrapper<>(this, "lastChange",
            StatusLine.plain(""));
    private final ReadOnlyStringWrapper replicasText = new ReadOnlyStringWrapper(this, "replicasText", "");
    private final LiveChartModel replicasChart = new LiveChartModel("Replicas", "replicas", 300, MetricPanel.SPAN,
            List.of(READY, CURRENT, DESIRED));
    private final BooleanProperty autoApply = new SimpleBooleanProperty(this, "autoApply");
    private final ReadOnlyBooleanWrapper canSwitchMode = new ReadOnlyBooleanWrapper(this, "canSwitchMode");
    private final StringProperty scaleToText = new SimpleStringProperty(this, "scaleToText", "");
    private final ReadOnlyObjectWrapper<StatusLine> scaleToMessage = new ReadOnlyObjectWrapper<>(this,
            "scaleToMessage", StatusLine.plain(""));
    private final ReadOnlyBooleanWrapper canScaleTo = new ReadOnlyBooleanWrapper(this, "canScaleTo");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<StatusLine> actionStatus = new ReadOnlyObjectWrapper<>(this, "actionStatus",
            StatusLine.plain(""));

    public ScalingViewModel(TaskExecutor tasks, DialogService dialogs) {
        this(tasks, dialogs, ZoneId.systemDefault());
    }

    /** @param zone the operator's time zone, for the times shown */
    public ScalingViewModel(TaskExecutor tasks, DialogService dialogs, ZoneId zone) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.policyEditor = new PolicyEditorViewModel(tasks);
        this.log = new DecisionLog(zone);
        this.traffic = new TrafficDialViewModel(tasks);
        this.whatIf = new WhatIfViewModel(tasks, policyEditor::rulesInForm);
        for (Metric m : Metric.values()) {
            metrics.add(new MetricPanel(m));
        }
        autoApply.addListener((obs, was, now) -> modeChosen(now));
        scaleToText.addListener((obs, old, now) -> refreshActions());
    }

    @Override
    public void engineStarted(ScalingEngine engine) {
        this.engine = engine;
        policyEditor.engineStarted(engine);
        whatIf.engineStarted(engine);
        refreshActions();
    }

    @Override
    public void engineStarted(dev.scaledeck.engine.LaunchedEngine launched) {
        traffic.use(launched.traffic().orElse(null));
        engineStarted(launched.engine());
    }

    /** The embedded environment's traffic dial (hidden when the environment has none). */
    public TrafficDialViewModel traffic() {
        return traffic;
    }

    /** The what-if replay. */
    public WhatIfViewModel whatIf() {
        return whatIf;
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        ScalingSnapshot s = snapshot.scaling();
        latest = s;
        platformText.set(ScalingTexts.platform(s));
        policyText.set(ScalingTexts.policy(s));
        modeText.set(ScalingTexts.mode(s, zone));
        summary.set(ScalingTexts.summary(s, zone));
        ScalingDecision last = s.lastDecision();
        latestDecision.set(new StatusLine(ScalingTexts.latest(s, zone),
                last == null || last.action() == ScalingAction.NO_CHANGE ? null : StatusStyles.of(last.action())));
        ScalingDecision change = s.decisions().stream().filter(ScalingDecision::changes).reduce((a, b) -> b).orElse(null);
        lastChange.set(change == null ? StatusLine.plain("None yet")
                : new StatusLine(Formats.clock(change.at(), zone) + " · " + change.summary() + " ("
                        + ScalingTexts.outcome(change) + ")", StatusStyles.of(change.action())));
        if (modeInFlight == null) {
            showEngineMode(s.mode());
        }
        log.update(s.decisions());
        Map<Metric, Double> averages = latestAverages(s.decisions(), s.interval());
        for (MetricPanel panel : metrics) {
            panel.update(s.rules(), s.decisions(), averages.get(panel.metric()));
        }
        addReplicaPoint(snapshot.time(), s);
        policyEditor.show(s.rules());
        refreshActions();
    }

    /**
     * The fleet averages the auto-scaler last decided on: the newest decision that carries
     * metrics, unless it is more than two intervals older than the newest decision (a scale by
     * hand carries none and does not hide them; an evaluation that saw none for a while does).
     */
    static Map<Metric, Double> latestAverages(List<ScalingDecision> decisions, Duration interval) {
        if (decisions.isEmpty()) {
            return Map.of();
        }
        Instant newest = decisions.get(decisions.size() - 1).at();
        for (int i = decisions.size() - 1; i >= 0; i--) {
            ScalingDecision d = decisions.get(i);
            if (d.at().isBefore(newest.minus(interval.multipliedBy(2)))) {
                return Map.of();
            }
            if (!d.metrics().isEmpty()) {
                return d.metrics();
            }
        }
        return Map.of();
    }

    /** Current and ready as the platform says them (else as the last evaluation saw them); desired as last decided. */
    private void addReplicaPoint(Instant time, ScalingSnapshot s) {
        ScalingDecision last = s.lastDecision();
        if (s.replicas() == null && last == null) {
            replicasText.set(s.canScale() ? "replicas unknown" : "");
            return;
        }
        int current = s.replicas() != null ? s.replicas().desired() : last.current();
        int ready = s.replicas() != null ? s.replicas().ready() : last.ready();
        int desired = last != null ? last.desired() : current;
        replicasText.set(current + " current · " + ready + " ready · " + desired + " desired");
        double[] point = {ready, current, desired};
        boolean changed = lastChartPoint == null || !Arrays.equals(point, lastChartPoint);
        if (changed || !time.isBefore(lastChartTime.plus(CHART_EVERY))) {
            replicasChart.add(time, point);
            lastChartPoint = point;
            lastChartTime = time;
        }
    }

    private void showEngineMode(ScalingMode mode) {
        boolean apply = mode == ScalingMode.APPLY;
        if (autoApply.get() != apply) {
            showingEngineMode = true;
            try {
                autoApply.set(apply);
            } finally {
                showingEngineMode = false;
            }
        }
    }

    private void modeChosen(boolean apply) {
        if (showingEngineMode || engine == null) {
            return;
        }
        ScalingMode wanted = apply ? ScalingMode.APPLY : ScalingMode.RECOMMEND;
        modeInFlight = wanted;
        tasks.execute(progress -> {
            engine.autoScaler().setMode(wanted);
            return wanted;
        }, progress -> { }, done -> {
            modeInFlight = null;
            actionStatus.set(StatusLine.plain(done == ScalingMode.APPLY
                    ? "Auto-apply on: the auto-scaler now changes the replica count itself"
                    : "Auto-apply off: the auto-scaler now only recommends; it changes nothing"));
        }, failure -> {
            modeInFlight = null;
            actionStatus.set(StatusLine.bad("Could not switch the mode: " + failure.getMessage()));
            if (latest != null) {
                showEngineMode(latest.mode());
            }
        });
    }

    private void refreshActions() {
        boolean scalable = engine != null && latest != null && latest.canScale();
        canSwitchMode.set(scalable);
        Parsed<Integer> n = ScalingInputs.replicas(scaleToText.get());
        canScaleTo.set(scalable && latest.replicas() != null && n.ok() && !busy.get());
        if (n.problem() != null) {
            scaleToMessage.set(StatusLine.bad(n.problem()));
        } else if (latest != null && !latest.canScale()) {
            scaleToMessage.set(StatusLine.plain(latest.platform() != null
                    ? "Scaling by hand is off: " + latest.managedScaling() : ScalingTexts.noPlatform(latest)));
        } else {
            scaleToMessage.set(StatusLine.plain(""));
        }
    }

    /**
     * Scales to the count typed, once the operator confirms a question that says from how many,
     * to how many, and what the auto-scaler will do about it; the outcome shows in
     * {@link #actionStatusProperty()} (the engine's message when it refused, e.g. the connection budget).
     */
    public void scaleTo() {
        if (!canScaleTo.get()) {
            return;
        }
        int n = ScalingInputs.replicas(scaleToText.get()).value();
        ScalingSnapshot s = latest;
        int from = s.replicas().desired();
        String question = ScalingTexts.scaleQuestion(s.target(), from, n, s.mode(), s.rules());
        if (!dialogs.confirm("Scale to " + n + "?", question, "Scale to " + n)) {
            actionStatus.set(StatusLine.plain("Scale to " + n + " cancelled: nothing changed"));
            return;
        }
        busy.set(true);
        refreshActions();
        actionStatus.set(StatusLine.plain("Scaling " + s.target() + " to " + n + "…"));
        tasks.execute(progress -> engine.autoScaler().scaleTo(n, WHO), progress -> { }, done -> {
            busy.set(false);
            actionStatus.set(StatusLine.good(done.changes()
                    ? "Scaled " + s.target() + " from " + done.current() + " to " + done.desired()
                    : "Nothing changed: " + s.target() + " already had " + done.desired() + " replicas"));
            refreshActions();
        }, failure -> {
            busy.set(false);
            actionStatus.set(StatusLine.bad("Could not scale to " + n + ": " + (failure.getMessage() == null
                    ? failure.toString() : failure.getMessage())));
            refreshActions();
        });
    }

    /** The policy editor. */
    public PolicyEditorViewModel policyEditor() {
        return policyEditor;
    }

    /** cpu, memory, connections, response time: each against the policy. */
    public List<MetricPanel> metrics() {
        return List.copyOf(metrics);
    }

    public MetricPanel metric(Metric metric) {
        return metrics.get(metric.ordinal());
    }

    /** Current, desired and ready replicas over the last ten minutes. */
    public LiveChartModel replicasChart() {
        return replicasChart;
    }

    /** The decision log, newest first. */
    public DecisionLog log() {
        return log;
    }

    /** {@code local: 3 replicas, 3 ready · apply mode · threshold policy · last decision 14:03:12: no change}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Platform and target with the replica counts, or that there is none, or that it scales by itself. */
    public ReadOnlyStringProperty platformTextProperty() {
        return platformText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty policyTextProperty() {
        return policyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeTextProperty() {
        return modeText.getReadOnlyProperty();
    }

    /** The newest decision's summary, coloured by its action. */
    /** The latest decision that changed the count (or would have, in recommend mode), with its reason. */
    public ReadOnlyObjectProperty<StatusLine> lastChangeProperty() {
        return lastChange.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLine> latestDecisionProperty() {
        return latestDecision.getReadOnlyProperty();
    }

    /** {@code 3 current · 3 ready · 4 desired}. */
    public ReadOnlyStringProperty replicasTextProperty() {
        return replicasText.getReadOnlyProperty();
    }

    /** On: apply mode; off: recommend. Setting it switches the auto-scaler's mode. */
    public BooleanProperty autoApplyProperty() {
        return autoApply;
    }

    /** Whether there is a platform the auto-scaler could act on. */
    public ReadOnlyBooleanProperty canSwitchModeProperty() {
        return canSwitchMode.getReadOnlyProperty();
    }

    /** The replica count "Scale to" asks for. */
    public StringProperty scaleToTextProperty() {
        return scaleToText;
    }

    /** What is wrong with the count typed (red), or why scaling by hand is not possible. */
    public ReadOnlyObjectProperty<StatusLine> scaleToMessageProperty() {
        return scaleToMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canScaleToProperty() {
        return canScaleTo.getReadOnlyProperty();
    }

    /** Whether a scale runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last action did (green), failed to do (red), or is doing. */
    public ReadOnlyObjectProperty<StatusLine> actionStatusProperty() {
        return actionStatus.getReadOnlyProperty();
    }
}
