package dev.scaledeck.ui.loadtest;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.LoadTestReport;
import dev.scaledeck.engine.loadtest.LoadTestRun;
import dev.scaledeck.engine.loadtest.LoadTestSnapshot;
import dev.scaledeck.engine.loadtest.ReportHistory;
import dev.scaledeck.engine.loadtest.ReportSummary;
import dev.scaledeck.ui.common.Browser;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.StatusLine;
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

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Load tests: the form ({@link LoadTestForm}), Start and Stop, the live charts of the running
 * test ({@link LoadTestCharts}) and the history of past runs with their HTML reports.
 * <p>
 * One test at a time runs from the window. Start hands the plan to the engine's load tester
 * in the background; from then on every sampler tick pulls the run's latest snapshot (a
 * volatile read) into the charts and notices when its report is done, so nothing is pushed from
 * the engine's threads. The history is read from disk in the background when the engine starts,
 * when the section is shown and when a run ends. UI thread only.
 */
public final class LoadTestsViewModel implements LiveViewModel {

    /** How long Start waits for a first probe of the instances before a cluster run. */
    private static final long PROBE_SECONDS = 5;

    private final TaskExecutor tasks;
    private final Browser browser;
    private final ZoneId zone;
    private final LoadTestForm form = new LoadTestForm();
    private final LoadTestCharts charts = new LoadTestCharts();
    private ScalingEngine engine;
    private ReportHistory history;
    private Path reportsDirectory;
    private LoadTestRun run;
    private boolean starting;
    private boolean stopping;
    private boolean refreshing;
    private boolean refreshAgain;
    /** The run that just ended, to select once the history lists it. */
    private String selectWhenListed;

    private final ObservableList<ReportRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ReportRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<ReportRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<Path> selectedReport = new ReadOnlyObjectWrapper<>(this, "selectedReport");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canOpenReport = new ReadOnlyBooleanWrapper(this, "canOpenReport");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the engine");
    private final ReadOnlyStringWrapper selectionText = new ReadOnlyStringWrapper(this, "selectionText",
            "Select a run to open its report");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyObjectWrapper<StatusLine> status = new ReadOnlyObjectWrapper<>(this, "status",
            StatusLine.plain(""));
    private final ReadOnlyObjectWrapper<StatusLine> historyMessage = new ReadOnlyObjectWrapper<>(this,
            "historyMessage", StatusLine.plain(""));

    public LoadTestsViewModel(TaskExecutor tasks, Browser browser) {
        this(tasks, browser, ZoneId.systemDefault());
    }

    /** @param zone the operator's time zone, for the history's start times */
    public LoadTestsViewModel(TaskExecutor tasks, Browser browser, ZoneId zone) {
        this.tasks = tasks;
        this.browser = browser;
        this.zone = zone;
        form.validProperty().addListener((obs, old, now) -> refreshActions());
        selected.addListener((obs, old, now) -> {
            selectedReport.set(now == null ? null : now.html().orElse(null));
            selectionText.set(now == null ? "Select a run to open its report"
                    : now.html().map(Path::toString).orElse("Run " + now.id() + " has no report.html"));
            historyMessage.set(StatusLine.plain(""));
            refreshActions();
        });
        refreshActions();
    }

    @Override
    public void engineStarted(ScalingEngine engine) {
        this.engine = engine;
        reportsDirectory = engine.config().home().resolve("reports");
        history = new ReportHistory(reportsDirectory);
        ready.set(true);
        refreshActions();
        refreshHistory();
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        if (run == null) {
            return;
        }
        LoadTestSnapshot latest = run.snapshot();
        charts.add(latest);
        progress.set(LoadTestTexts.progress(latest, run.plan()));
        if (run.report().isDone()) {
            finish();
        }
    }

    /** Starts the run the form describes, or says why not (one already runs). */
    public void start() {
        if (run != null || starting) {
            status.set(new StatusLine("A load test is already running" + (run == null ? "" : " (" + run.id() + ")")
                    + ": one runs at a time from the window. Stop it or wait for it to end, then start again.",
                    StatusStyles.DEGRADED));
            return;
        }
        LoadTestPlan plan = canStart.get() ? form.plan() : null;
        if (plan == null) {
            return;
        }
        ScalingEngine onEngine = engine;
        starting = true;
        status.set(StatusLine.plain("Starting " + plan.workload().describe() + " against " + plan.target().describe()
                + "…"));
        refreshActions();
        tasks.execute(p -> {
            if (plan.target() instanceof LoadTarget.Cluster) {
                p.accept("Probing the instances before the first request…");
                onEngine.probeInstances().get(PROBE_SECONDS, TimeUnit.SECONDS);
            }
            return onEngine.loadTester().start(plan);
        }, step -> status.set(StatusLine.plain(step)), this::begin, failure -> {
            starting = false;
            status.set(StatusLine.bad("Could not start the load test: " + message(failure)));
            refreshActions();
        });
    }

    private void begin(LoadTestRun started) {
        starting = false;
        stopping = false;
        run = started;
        LoadTestSnapshot first = started.snapshot();
        charts.reset(started.plan(), first);
        progress.set(LoadTestTexts.progress(first, started.plan()));
        status.set(StatusLine.plain(LoadTestTexts.running(started.id(), started.plan())));
        summary.set("Load test " + started.id() + " running · reports go to " + reportsDirectory);
        refreshActions();
    }

    /** Ends the running test within a second; its report is still written, marked stopped. */
    public void stop() {
        if (run == null || stopping) {
            return;
        }
        stopping = true;
        run.stop();
        status.set(StatusLine.plain("Stopping " + run.id() + "…"));
        refreshActions();
    }

    private void finish() {
        LoadTestRun ended = run;
        run = null;
        stopping = false;
        LoadTestSnapshot last = ended.snapshot();
        charts.add(last);
        progress.set(LoadTestTexts.progress(last, ended.plan()));
        try {
            LoadTestReport report = ended.report().join();
            status.set(LoadTestTexts.outcome(report));
            selectWhenListed = report.id();
        } catch (CompletionException e) {
            status.set(StatusLine.bad("Load test " + ended.id() + " ended without a report: " + message(e)));
        }
        refreshActions();
        refreshHistory();
    }

    /** Reads the past runs again, in the background; one read at a time, another right after when asked meanwhile. */
    public void refreshHistory() {
        if (history == null) {
            return;
        }
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        ReportHistory reading = history;
        tasks.execute(p -> reading.list(), p -> { }, this::listed, failure -> {
            listed(List.of());
            historyMessage.set(StatusLine.bad("Cannot list the reports in " + reportsDirectory + ": "
                    + message(failure)));
        });
    }

    private void listed(List<ReportSummary> summaries) {
        refreshing = false;
        String keep = selectWhenListed != null ? selectWhenListed : selected.get() == null ? null : selected.get().id();
        ObservableLists.replaceIfChanged(rows, summaries.stream().map(s -> ReportRow.of(s, zone)).toList());
        selected.set(keep == null ? null : rows.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null));
        if (selected.get() != null) {
            selectWhenListed = null;
        }
        if (run == null) {
            summary.set(rows.isEmpty() ? "No load tests yet · reports go to " + reportsDirectory
                    : rows.size() + (rows.size() == 1 ? " past run" : " past runs") + " in " + reportsDirectory);
        }
        if (refreshAgain) {
            refreshAgain = false;
            refreshHistory();
        }
    }

    /** Asks the desktop's browser to show the selected run's {@code report.html}; says where it is when it cannot. */
    public void openReport() {
        Path html = canOpenReport.get() ? selectedReport.get() : null;
        if (html == null) {
            return;
        }
        tasks.execute(p -> browser.open(html), p -> { }, opened -> historyMessage.set(opened
                        ? StatusLine.plain("Opened " + html + " in the browser")
                        : StatusLine.plain("Open " + html + " in a browser: this machine has no desktop browser to ask.")),
                failure -> historyMessage.set(StatusLine.bad("The browser could not be opened (" + message(failure)
                        + "). Open " + html + " in a browser.")));
    }

    private void refreshActions() {
        boolean active = run != null || starting;
        running.set(active);
        canStart.set(ready.get() && form.validProperty().get() && !starting);
        canStop.set(run != null && !stopping);
        canOpenReport.set(selectedReport.get() != null);
    }

    private static String message(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof java.util.concurrent.ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "the instances did not answer their first probe within " + PROBE_SECONDS + "s";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public LoadTestForm form() {
        return form;
    }

    public LoadTestCharts charts() {
        return charts;
    }

    /** Past runs, newest first. */
    public ObservableList<ReportRow> history() {
        return rowsReadOnly;
    }

    /** The run Open report acts on; the view sets it from the table's selection. */
    public ObjectProperty<ReportRow> selectedProperty() {
        return selected;
    }

    /** The selected run's {@code report.html}, or null when none is selected or it has none. */
    public ReadOnlyObjectProperty<Path> selectedReportProperty() {
        return selectedReport.getReadOnlyProperty();
    }

    /** The selected run's report file, or what to do to get one. */
    public ReadOnlyStringProperty selectionTextProperty() {
        return selectionText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Whether a test from the window is starting or running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * Whether Start can run the form: the engine runs and the form is valid. It stays enabled
     * during a run, so pressing it says that one runs already.
     */
    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canOpenReportProperty() {
        return canOpenReport.getReadOnlyProperty();
    }

    /** What runs now, or how many past runs there are and where. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The running (or last) test's figures: elapsed, requests, req/s, p50, p99, errors, in flight. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What Start and Stop are doing, then how the run ended (passed green, failed or aborted red, stopped amber). */
    public ReadOnlyObjectProperty<StatusLine> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What Open report did, or why the history cannot be read. */
    public ReadOnlyObjectProperty<StatusLine> historyMessageProperty() {
        return historyMessage.getReadOnlyProperty();
    }
}
