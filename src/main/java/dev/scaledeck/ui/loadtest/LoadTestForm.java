package dev.scaledeck.ui.loadtest;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.loadtest.Check;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.RequestSpec;
import dev.scaledeck.engine.loadtest.Threshold;
import dev.scaledeck.engine.loadtest.Workload;
import dev.scaledeck.ui.common.StatusLine;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The load test form: target, model (users or rate), duration, thresholds, checks and abort on
 * fail, checked as the operator types by building the {@link LoadTestPlan} (whose parts name the
 * bad value), so a valid form is exactly a plan the engine takes. Each target kind keeps its own
 * text, so switching kinds and back loses nothing. UI thread only.
 */
public final class LoadTestForm {

    private final Map<TargetKind, String> targetTexts = new EnumMap<>(TargetKind.class);
    private final ObjectProperty<TargetKind> targetKind = new SimpleObjectProperty<>(this, "targetKind",
            TargetKind.CLUSTER);
    private final StringProperty targetText = new SimpleStringProperty(this, "targetText",
            TargetKind.CLUSTER.example());
    private final ObjectProperty<LoadModel> model = new SimpleObjectProperty<>(this, "model", LoadModel.USERS);
    private final StringProperty users = new SimpleStringProperty(this, "users", "50");
    private final StringProperty rampUp = new SimpleStringProperty(this, "rampUp", "10s");
    private final StringProperty thinkTime = new SimpleStringProperty(this, "thinkTime", "0s");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "100");
    private final StringProperty rateTo = new SimpleStringProperty(this, "rateTo", "");
    private final StringProperty connections = new SimpleStringProperty(this, "connections", "100");
    private final StringProperty duration = new SimpleStringProperty(this, "duration", "60s");
    private final StringProperty thresholds = new SimpleStringProperty(this, "thresholds", "p95<500ms, error_rate<1%");
    private final StringProperty checks = new SimpleStringProperty(this, "checks", "");
    private final BooleanProperty abortOnFail = new SimpleBooleanProperty(this, "abortOnFail", false);
    private final ReadOnlyBooleanWrapper usersModel = new ReadOnlyBooleanWrapper(this, "usersModel", true);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyObjectWrapper<StatusLine> message = new ReadOnlyObjectWrapper<>(this, "message",
            StatusLine.plain(""));
    private LoadTestPlan plan;

    LoadTestForm() {
        for (TargetKind kind : TargetKind.values()) {
            targetTexts.put(kind, kind.example());
        }
        targetKind.addListener((obs, old, now) -> {
            targetTexts.put(old, targetText.get());
            targetText.set(targetTexts.get(now));
        });
        ChangeListener<Object> edited = (obs, old, now) -> revalidate();
        for (var field : List.of(targetKind, targetText, model, users, rampUp, thinkTime, rate, rateTo, connections,
                duration, thresholds, checks, abortOnFail)) {
            field.addListener(edited);
        }
        revalidate();
    }

    private void revalidate() {
        usersModel.set(model.get() == LoadModel.USERS);
        try {
            plan = build();
            valid.set(true);
            message.set(StatusLine.plain("Start runs " + plan.workload().describe() + " against "
                    + plan.target().describe() + " for " + Durations.human(plan.duration()) + "; passes when "
                    + plan.thresholds().stream().map(Threshold::text).collect(Collectors.joining(", ")) + "."));
        } catch (IllegalArgumentException e) {
            plan = null;
            valid.set(false);
            message.set(StatusLine.bad(e.getMessage()));
        }
    }

    private LoadTestPlan build() {
        LoadTarget target = LoadTestInputs.target(targetKind.get(), targetText.get());
        Workload workload = workload();
        Duration length = LoadTestInputs.duration("Duration", duration.get(), null);
        List<Threshold> rules = LoadTestInputs.thresholds(thresholds.get());
        List<Check> checkList = LoadTestInputs.checks(checks.get());
        return LoadTestInputs.named("Duration", () -> new LoadTestPlan(name(workload), target, workload, length,
                RequestSpec.get(), checkList, rules, abortOnFail.get()));
    }

    private Workload workload() {
        if (model.get() == LoadModel.USERS) {
            int n = LoadTestInputs.whole("Users", users.get());
            Duration ramp = LoadTestInputs.duration("Ramp-up", rampUp.get(), Duration.ZERO);
            Duration think = LoadTestInputs.duration("Think time", thinkTime.get(), Duration.ZERO);
            return LoadTestInputs.named("Users", () -> new Workload.Closed(n, ramp, think));
        }
        double from = LoadTestInputs.rate("Rate", rate.get());
        int most = LoadTestInputs.whole("Connections", connections.get());
        if (rateTo.get() == null || rateTo.get().isBlank()) {
            return LoadTestInputs.named("Rate", () -> new Workload.ConstantRate(from, most));
        }
        double to = LoadTestInputs.rate("Ramp to rate", rateTo.get());
        return LoadTestInputs.named("Rate", () -> new Workload.RampingRate(from, to, most));
    }

    /** {@code cluster-50-users}, {@code url-200-rps}, {@code sql-100-to-400-rps}: for the run's id and the history. */
    private String name(Workload workload) {
        String load;
        if (workload instanceof Workload.Closed closed) {
            load = closed.users() + "-users";
        } else if (workload instanceof Workload.ConstantRate constant) {
            load = Math.round(constant.perSecond()) + "-rps";
        } else {
            Workload.RampingRate ramp = (Workload.RampingRate) workload;
            load = Math.round(ramp.fromPerSecond()) + "-to-" + Math.round(ramp.toPerSecond()) + "-rps";
        }
        return targetKind.get().slug() + "-" + load;
    }

    /** The plan the form describes, or null while it is invalid. */
    LoadTestPlan plan() {
        return plan;
    }

    public List<TargetKind> targetKinds() {
        return List.of(TargetKind.values());
    }

    public List<LoadModel> models() {
        return List.of(LoadModel.values());
    }

    public ObjectProperty<TargetKind> targetKindProperty() {
        return targetKind;
    }

    /** The URL, the cluster path or the SQL statement, as the kind says. */
    public StringProperty targetTextProperty() {
        return targetText;
    }

    public ObjectProperty<LoadModel> modelProperty() {
        return model;
    }

    /** Virtual users at full strength (users model). */
    public StringProperty usersProperty() {
        return users;
    }

    /** Users start evenly over this long: {@code 10s}; blank means all at once. */
    public StringProperty rampUpProperty() {
        return rampUp;
    }

    /** Pause between a user's answer and its next request; blank means none. */
    public StringProperty thinkTimeProperty() {
        return thinkTime;
    }

    /** Arrivals per second (rate model). */
    public StringProperty rateProperty() {
        return rate;
    }

    /** Optional: the rate ramps linearly from {@link #rateProperty()} to this over the run. */
    public StringProperty rateToProperty() {
        return rateTo;
    }

    /** Requests in flight at most (rate model). */
    public StringProperty connectionsProperty() {
        return connections;
    }

    /** How long the run lasts, ramp-up included: {@code 60s}. */
    public StringProperty durationProperty() {
        return duration;
    }

    /** One per line or comma-separated: {@code p95<500ms, error_rate<1%}. */
    public StringProperty thresholdsProperty() {
        return thresholds;
    }

    /** One per line: {@code status==200}, {@code body~ok}; optional. */
    public StringProperty checksProperty() {
        return checks;
    }

    /** Stop early when a threshold is clearly lost. */
    public BooleanProperty abortOnFailProperty() {
        return abortOnFail;
    }

    /** Whether the users model is chosen (else the rate model): which fields matter. */
    public ReadOnlyBooleanProperty usersModelProperty() {
        return usersModel.getReadOnlyProperty();
    }

    /** Whether the form describes a plan the engine takes. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** What is wrong (red, naming the field) or what Start would run. */
    public ReadOnlyObjectProperty<StatusLine> messageProperty() {
        return message.getReadOnlyProperty();
    }
}
