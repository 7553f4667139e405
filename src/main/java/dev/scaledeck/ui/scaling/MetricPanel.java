package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.PolicyKind;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.ThresholdPolicy;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusLine;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One metric against the policy: the fleet average the auto-scaler last decided on, the
 * thresholds (or target) it is compared with, where it stands, and a chart of the averages of
 * recent evaluations with the threshold lines. The chart has one point per evaluation; when the
 * rules change it is drawn again from the decisions held, against the new lines. UI thread only.
 */
public final class MetricPanel {

    /** The fleet average's line. */
    public static final String AVERAGE = "fleet average";
    public static final String SCALE_UP = "scale up above";
    public static final String SCALE_DOWN = "scale down below";
    public static final String TARGET = "target";
    /** How far back the chart reaches. */
    static final Duration SPAN = Duration.ofMinutes(10);
    private static final int CAPACITY = 240;

    private final Metric metric;
    private ScalingRules chartedRules;
    private Instant lastCharted;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(this, "value", Formats.NONE);
    private final ReadOnlyStringWrapper upLine = new ReadOnlyStringWrapper(this, "upLine", "");
    private final ReadOnlyStringWrapper downLine = new ReadOnlyStringWrapper(this, "downLine", "");
    private final ReadOnlyObjectWrapper<StatusLine> verdict = new ReadOnlyObjectWrapper<>(this, "verdict",
            StatusLine.plain(""));
    private final ReadOnlyObjectWrapper<LiveChartModel> chart = new ReadOnlyObjectWrapper<>(this, "chart");

    MetricPanel(Metric metric) {
        this.metric = metric;
        chart.set(newChart(List.of(AVERAGE)));
    }

    /**
     * @param rules     the rules in force
     * @param decisions recent decisions, oldest first
     * @param average   the fleet average to show now, or null when not reported
     */
    void update(ScalingRules rules, List<ScalingDecision> decisions, Double average) {
        upLine.set(ScalingTexts.upLine(rules, metric));
        downLine.set(ScalingTexts.downLine(rules, metric));
        if (decisions.isEmpty()) {
            value.set(Formats.NONE);
            verdict.set(StatusLine.plain("waiting for the first evaluation"));
        } else {
            value.set(metric.format(average == null ? Double.NaN : average));
            verdict.set(ScalingTexts.verdict(rules, metric, average));
        }
        if (!rules.equals(chartedRules)) {
            chartedRules = rules;
            lastCharted = null;
            chart.set(newChart(series(rules)));
        }
        Instant newest = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1).at();
        for (ScalingDecision d : decisions) {
            Double v = d.metrics().get(metric);
            boolean fresh = lastCharted == null || d.at().isAfter(lastCharted);
            if (v != null && fresh && !d.at().isBefore(newest.minus(SPAN))) {
                chart.get().add(d.at(), point(rules, v));
                lastCharted = d.at();
            }
        }
    }

    private List<String> series(ScalingRules rules) {
        if (rules.policy() == PolicyKind.THRESHOLD) {
            return List.of(AVERAGE, SCALE_UP, SCALE_DOWN);
        }
        return rules.targets().containsKey(metric) ? List.of(AVERAGE, TARGET) : List.of(AVERAGE);
    }

    private double[] point(ScalingRules rules, double average) {
        if (rules.policy() == PolicyKind.THRESHOLD) {
            return new double[] {average, ThresholdPolicy.limit(rules.scaleUp(), metric),
                    ThresholdPolicy.limit(rules.scaleDown(), metric)};
        }
        Double target = rules.targets().get(metric);
        return target == null ? new double[] {average} : new double[] {average, target};
    }

    private LiveChartModel newChart(List<String> names) {
        String unit = metric.unit().isEmpty() ? "in flight" : metric.unit();
        return new LiveChartModel(metric.label(), unit, CAPACITY, SPAN, names);
    }

    public Metric metric() {
        return metric;
    }

    /** The fleet average, e.g. {@code 42 %}; {@code not reported} when no instance reports it. */
    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** {@code scale up > 80 %}, or the target: the chart's first dashed line. */
    public ReadOnlyStringProperty upLineProperty() {
        return upLine.getReadOnlyProperty();
    }

    /** {@code down < 30 %}: the chart's second dashed line; empty for target tracking. */
    public ReadOnlyStringProperty downLineProperty() {
        return downLine.getReadOnlyProperty();
    }

    /** Where the value stands: within, above the scale-up threshold, on target, ... */
    public ReadOnlyObjectProperty<StatusLine> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The averages of recent evaluations and the threshold lines; replaced when the rules change. */
    public ReadOnlyObjectProperty<LiveChartModel> chartProperty() {
        return chart.getReadOnlyProperty();
    }

    public LiveChartModel chart() {
        return chart.get();
    }
}
