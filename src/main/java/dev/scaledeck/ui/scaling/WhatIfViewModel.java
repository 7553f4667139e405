package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.scaling.MetricsSeries;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.WhatIfReplay;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What-if: replays a recorded metrics series — the auto-scaler's own recent evaluations, or a
 * CSV file (a load test's timeline, an export) — through the policy in the editor and shows the
 * replica curve it would have produced next to the recorded one. Touches no platform.
 */
public final class WhatIfViewModel {

    public static final String RECORDED = "recorded";
    public static final String WHAT_IF = "what-if";

    private final TaskExecutor tasks;
    private final Supplier<ScalingRules> rules;
    private ScalingEngine engine;

    private final StringProperty csvPath = new SimpleStringProperty(this, "csvPath", "");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<StatusLine> result = new ReadOnlyObjectWrapper<>(this, "result",
            StatusLine.plain("Replay the recent evaluations, or a CSV file, through the policy in the editor."));
    private final ReadOnlyObjectWrapper<LiveChartModel> chart = new ReadOnlyObjectWrapper<>(this, "chart",
            emptyChart());

    /** @param rules the rules to replay with: the policy editor's, when valid; null when the form is invalid */
    WhatIfViewModel(TaskExecutor tasks, Supplier<ScalingRules> rules) {
        this.tasks = tasks;
        this.rules = rules;
    }

    void engineStarted(ScalingEngine started) {
        engine = started;
        refresh();
    }

    void refresh() {
        canRun.set(engine != null && !busy.get());
    }

    /** Runs the replay off the UI thread and shows its curve and summary. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        ScalingRules replayRules = rules.get();
        if (replayRules == null) {
            result.set(StatusLine.bad("The policy in the editor is not valid; fix it (the message is under the form) "
                    + "or reset it."));
            return;
        }
        String path = csvPath.get() == null ? "" : csvPath.get().trim();
        busy.set(true);
        refresh();
        tasks.execute(progress -> replay(replayRules, path), progress -> { }, done -> {
            busy.set(false);
            chart.set(done.chart());
            result.set(StatusLine.good(done.summary()));
            refresh();
        }, failure -> {
            busy.set(false);
            result.set(StatusLine.bad(failure.getMessage()));
            refresh();
        });
    }

    private record Outcome(LiveChartModel chart, String summary) {
    }

    private Outcome replay(ScalingRules replayRules, String path) throws Exception {
        MetricsSeries series;
        String source;
        if (path.isEmpty()) {
            series = engine.autoScaler().recordedSeries().orElseThrow(() -> new IllegalStateException(
                    "Nothing to replay yet: the auto-scaler needs at least two evaluations with metrics "
                            + "(one every " + Durations.human(engine.autoScaler().interval()) + ")."));
            source = "the last " + series.points().size() + " evaluations (" + Durations.human(series.duration()) + ")";
        } else {
            try {
                series = MetricsSeries.readCsv(Path.of(path), 1);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("No such file: " + path);
            }
            source = Path.of(path).getFileName() + " (" + series.points().size() + " points over "
                    + Durations.human(series.duration()) + ")";
        }
        WhatIfReplay.Result r = WhatIfReplay.replay(replayRules, series);
        LiveChartModel curve = new LiveChartModel("What-if replicas", "replicas", Math.max(2, r.steps().size()),
                series.duration().isZero() ? Duration.ofSeconds(1) : series.duration(), List.of(RECORDED, WHAT_IF));
        Instant start = Instant.EPOCH;
        for (WhatIfReplay.Step s : r.steps()) {
            curve.add(start.plus(s.offset()), s.recordedReplicas(), s.replicas());
        }
        String summary = String.format(Locale.ROOT, "Replayed %s: %d change%s, %d to %d instances, %.2f "
                        + "instance-hours against %.2f recorded.", source, r.changes(), r.changes() == 1 ? "" : "s",
                r.fewest(), r.peak(), r.instanceHours(), r.recordedInstanceHours());
        return new Outcome(curve, summary);
    }

    private static LiveChartModel emptyChart() {
        return new LiveChartModel("What-if replicas", "replicas", 2, Duration.ofMinutes(1), List.of(RECORDED, WHAT_IF));
    }

    /** A CSV to replay; blank replays the auto-scaler's recent evaluations. */
    public StringProperty csvPathProperty() {
        return csvPath;
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLine> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveChartModel> chartProperty() {
        return chart.getReadOnlyProperty();
    }
}
