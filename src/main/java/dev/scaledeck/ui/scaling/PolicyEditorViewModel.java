package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.config.Thresholds;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.PolicyKind;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.ThresholdPolicy;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The policy editor: the auto-scaler's rules as text fields, checked as the operator types by
 * building a {@link ScalingRules} (whose constructor names the setting and the bad value), and
 * applied with {@code useRules} in the background. The form follows the engine's rules until the
 * operator edits it. Fields the form does not show (sustain samples, step limits, scale-up
 * stabilization, rate period) keep the engine's values. UI thread only.
 */
public final class PolicyEditorViewModel {

    private final TaskExecutor tasks;
    private ScalingEngine engine;
    /** The rules the engine runs, as the latest snapshot said. */
    private ScalingRules engineRules;
    /** The rules the form was last filled with. */
    private ScalingRules filledFrom;
    /** The rules the form describes now, or null while it is invalid. */
    private ScalingRules built;
    private boolean filling;

    private final ObjectProperty<PolicyKind> kind = new SimpleObjectProperty<>(this, "kind", PolicyKind.THRESHOLD);
    private final StringProperty targets = new SimpleStringProperty(this, "targets", "");
    private final StringProperty tolerance = new SimpleStringProperty(this, "tolerance", "");
    private final Map<Metric, StringProperty> up = new EnumMap<>(Metric.class);
    private final Map<Metric, StringProperty> down = new EnumMap<>(Metric.class);
    private final StringProperty minInstances = new SimpleStringProperty(this, "minInstances", "");
    private final StringProperty maxInstances = new SimpleStringProperty(this, "maxInstances", "");
    private final StringProperty cooldown = new SimpleStringProperty(this, "cooldown", "");
    private final StringProperty downStabilization = new SimpleStringProperty(this, "downStabilization", "");
    private final StringProperty warmup = new SimpleStringProperty(this, "warmup", "");
    private final ReadOnlyBooleanWrapper thresholdPolicy = new ReadOnlyBooleanWrapper(this, "thresholdPolicy", true);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
    private final ReadOnlyBooleanWrapper canReset = new ReadOnlyBooleanWrapper(this, "canReset");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<StatusLine> message = new ReadOnlyObjectWrapper<>(this, "message",
            StatusLine.plain("Waiting for the engine"));
    private final ReadOnlyObjectWrapper<StatusLine> status = new ReadOnlyObjectWrapper<>(this, "status",
            StatusLine.plain(""));

    PolicyEditorViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        ChangeListener<Object> edited = (obs, old, now) -> {
            if (!filling) {
                status.set(StatusLine.plain(""));
                revalidate();
            }
        };
        for (Metric m : Metric.values()) {
            up.put(m, new SimpleStringProperty(this, "up." + m.id(), ""));
            down.put(m, new SimpleStringProperty(this, "down." + m.id(), ""));
        }
        for (StringProperty field : fields()) {
            field.addListener(edited);
        }
        kind.addListener(edited);
    }

    void engineStarted(ScalingEngine engine) {
        this.engine = engine;
    }

    /** The engine's rules from a snapshot: fill the form unless the operator is editing it. */
    void show(ScalingRules rules) {
        engineRules = rules;
        boolean untouched = filledFrom == null || filledFrom.equals(built);
        if (untouched && !rules.equals(filledFrom)) {
            fill(rules);
        }
        revalidate();
    }

    /** The rules the form describes, or null while it is invalid (before the engine runs: null). */
    ScalingRules rulesInForm() {
        return built;
    }

    /** Fills the form with the engine's rules again, dropping the operator's edits. */
    public void reset() {
        if (engineRules != null) {
            status.set(StatusLine.plain(""));
            fill(engineRules);
            revalidate();
        }
    }

    private void fill(ScalingRules rules) {
        filling = true;
        try {
            kind.set(rules.policy());
            targets.set(rules.targetsText());
            tolerance.set(plain(rules.tolerancePercent()));
            for (Metric m : Metric.values()) {
                up.get(m).set(threshold(rules.scaleUp(), m));
                down.get(m).set(threshold(rules.scaleDown(), m));
            }
            minInstances.set(String.valueOf(rules.minInstances()));
            maxInstances.set(String.valueOf(rules.maxInstances()));
            cooldown.set(Durations.format(rules.cooldown()));
            downStabilization.set(Durations.format(rules.scaleDownStabilization()));
            warmup.set(Durations.format(rules.warmup()));
        } finally {
            filling = false;
        }
        filledFrom = rules;
    }

    private static String threshold(Thresholds t, Metric m) {
        return m == Metric.RESPONSE_TIME ? Durations.format(t.responseTime()) : plain(ThresholdPolicy.limit(t, m));
    }

    /** {@code 80}, {@code 12.5}: as typed, no trailing zeros, no rounding. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private void revalidate() {
        thresholdPolicy.set(kind.get() != PolicyKind.TARGET_TRACKING);
        if (engineRules == null) {
            return;
        }
        try {
            built = build(engineRules);
            message.set(built.equals(engineRules) ? StatusLine.plain("These are the rules in force.")
                    : StatusLine.plain("Apply to use " + built.toPolicy().describe()));
        } catch (IllegalArgumentException e) {
            built = null;
            message.set(StatusLine.bad(e.getMessage()));
        }
        refreshActions();
    }

    private ScalingRules build(ScalingRules base) {
        Map<Metric, Double> targetValues = ScalingInputs.targets(targets.get());
        double tolerancePercent = ScalingInputs.number("scaling.tolerance", tolerance.get());
        Thresholds scaleUp = thresholds("scaling.scaleUp", up);
        Thresholds scaleDown = thresholds("scaling.scaleDown", down);
        int min = ScalingInputs.whole("scaling.minInstances", minInstances.get());
        int max = ScalingInputs.whole("scaling.maxInstances", maxInstances.get());
        Duration cool = ScalingInputs.duration("scaling.cooldown", cooldown.get());
        Duration stabilization = ScalingInputs.duration("scaling.scaleDownStabilization", downStabilization.get());
        Duration warm = ScalingInputs.duration("scaling.warmup", warmup.get());
        return new ScalingRules(kind.get(), scaleUp, scaleDown, base.sustainSamples(), targetValues, tolerancePercent,
                min, max, cool, stabilization, base.scaleUpStabilization(), base.maxStepUp(), base.maxStepUpPercent(),
                base.maxStepDown(), base.ratePeriod(), warm);
    }

    private static Thresholds thresholds(String prefix, Map<Metric, StringProperty> texts) {
        return new Thresholds(ScalingInputs.number(prefix + ".cpu", texts.get(Metric.CPU).get()),
                ScalingInputs.number(prefix + ".memory", texts.get(Metric.MEMORY).get()),
                ScalingInputs.whole(prefix + ".connections", texts.get(Metric.CONNECTIONS).get()),
                ScalingInputs.duration(prefix + ".responseTime", texts.get(Metric.RESPONSE_TIME).get()));
    }

    private void refreshActions() {
        boolean can = engine != null && !busy.get();
        canApply.set(can && built != null && !built.equals(engineRules));
        canReset.set(can && engineRules != null && !engineRules.equals(built));
    }

    /** Hands the rules in the form to the auto-scaler (journaled by the engine). */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        ScalingRules rules = built;
        busy.set(true);
        refreshActions();
        tasks.execute(progress -> {
            engine.autoScaler().useRules(rules);
            return rules;
        }, progress -> { }, done -> {
            busy.set(false);
            filledFrom = done;
            engineRules = done;
            status.set(StatusLine.good("Applied: the auto-scaler uses " + done.toPolicy().describe()
                    + " from its next evaluation."));
            revalidate();
        }, failure -> {
            busy.set(false);
            status.set(StatusLine.bad("Could not apply the policy: " + failure.getMessage()));
            refreshActions();
        });
    }

    private List<StringProperty> fields() {
        List<StringProperty> all = new ArrayList<>(List.of(targets, tolerance, minInstances, maxInstances,
                cooldown, downStabilization, warmup));
        all.addAll(up.values());
        all.addAll(down.values());
        return all;
    }

    public ObjectProperty<PolicyKind> kindProperty() {
        return kind;
    }

    public List<PolicyKind> kinds() {
        return List.of(PolicyKind.values());
    }

    /** Target tracking's targets: {@code cpu=70,memory=80}. */
    public StringProperty targetsProperty() {
        return targets;
    }

    /** Target tracking's tolerance, percent. */
    public StringProperty toleranceProperty() {
        return tolerance;
    }

    /** The threshold policy's scale-up threshold of one metric (response time as a duration: {@code 2s}). */
    public StringProperty upProperty(Metric metric) {
        return up.get(metric);
    }

    /** The threshold policy's scale-down threshold of one metric. */
    public StringProperty downProperty(Metric metric) {
        return down.get(metric);
    }

    public StringProperty minInstancesProperty() {
        return minInstances;
    }

    public StringProperty maxInstancesProperty() {
        return maxInstances;
    }

    /** {@code 5m}. */
    public StringProperty cooldownProperty() {
        return cooldown;
    }

    public StringProperty downStabilizationProperty() {
        return downStabilization;
    }

    public StringProperty warmupProperty() {
        return warmup;
    }

    /** Whether the threshold policy is chosen (else target tracking): which fields matter. */
    public ReadOnlyBooleanProperty thresholdPolicyProperty() {
        return thresholdPolicy.getReadOnlyProperty();
    }

    /** Whether the form holds valid rules that differ from the engine's. */
    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** Whether the form differs from the engine's rules. */
    public ReadOnlyBooleanProperty canResetProperty() {
        return canReset.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is wrong with the form (red, naming the setting), or what Apply would do. */
    public ReadOnlyObjectProperty<StatusLine> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The outcome of the last Apply; cleared when the form is edited. */
    public ReadOnlyObjectProperty<StatusLine> statusProperty() {
        return status.getReadOnlyProperty();
    }
}
