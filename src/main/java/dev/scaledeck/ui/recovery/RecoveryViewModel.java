package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.PlanProblem;
import dev.scaledeck.engine.recovery.RecoveryMode;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RecoveryRun;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.ObservableLists;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Disaster recovery: the runbooks with their targets and last drill (and the files that did not
 * load), the scenarios detected now with the ask/automatic switch, the actions on the selected
 * plan ({@link RunControl}), the live steps of the run under way or of a run selected in the
 * history ({@link RunProgressViewModel}, {@link RunHistoryViewModel}), and the business impact
 * ({@link ImpactViewModel}).
 *
 * <p>Each sampler tick (2 Hz) reads the mode, the detection and the followed run's progress in
 * the background, one read at a time; the runbooks and the journal on disk are read with it every
 * {@link #CATALOG_EVERY}, and at once when a run starts or ends. UI thread only.
 */
public final class RecoveryViewModel implements LiveViewModel {

    /** How often the plans and the journal of runs are read again while nothing happens. */
    public static final Duration CATALOG_EVERY = Duration.ofSeconds(5);

    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final Clock clock;
    private final RunControl control;
    private final RunProgressViewModel run;
    private final RunHistoryViewModel history;
    private final ImpactViewModel impact;
    private final DetectionViewModel detection;
    private DisasterRecoveryCoordinator recovery;
    private RecoveryMode mode = RecoveryMode.ASK;
    private boolean reading;
    private boolean catalogWanted = true;
    private Instant lastCatalog;
    private List<RecoveryPlan> loadedPlans = List.of();
    /** The run under way or last started, whose progress is read each tick. */
    private RecoveryRun followed;
    /** Whether the run panel follows {@link #followed}, rather than a run the operator selected in the history. */
    private boolean following = true;
    private boolean followedRunning;
    /** Whether the newest run of the journal was shown on opening (once). */
    private boolean newestShown;
    /** True while the plan rows are replaced: the table's selection goes away for a moment, the plan's form stays. */
    private boolean replacingPlans;

    private final ObservableList<PlanRow> plans = FXCollections.observableArrayList();
    private final ObservableList<PlanRow> plansReadOnly = FXCollections.unmodifiableObservableList(plans);
    private final ObjectProperty<PlanRow> selectedPlan = new SimpleObjectProperty<>(this, "selectedPlan");
    private final ObservableList<StatusLine> problems = FXCollections.observableArrayList();
    private final ObservableList<StatusLine> problemsReadOnly = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the engine");

    public RecoveryViewModel(TaskExecutor tasks, DialogService dialogs) {
        this(tasks, dialogs, ZoneId.systemDefault(), Clock.systemUTC());
    }

    /**
     * @param zone  the operator's time zone: times shown are local to it
     * @param clock what "now" is, for the time running steps have taken and the report's date
     */
    public RecoveryViewModel(TaskExecutor tasks, DialogService dialogs, ZoneId zone, Clock clock) {
        this.tasks = tasks;
        this.zone = zone;
        this.clock = clock;
        this.control = new RunControl(tasks, dialogs, this::follow);
        this.run = new RunProgressViewModel(zone);
        this.history = new RunHistoryViewModel(zone);
        this.impact = new ImpactViewModel(tasks, dialogs, zone, clock);
        this.detection = new DetectionViewModel(tasks, dialogs, zone, this::poll);
        selectedPlan.addListener((obs, old, now) -> {
            if (!(replacingPlans && now == null)) {
                control.select(now == null ? null : now.plan());
            }
        });
        history.selectedProperty().addListener((obs, old, now) -> runChosen(now));
    }

    @Override
    public void engineStarted(ScalingEngine engine) {
        recovery = engine.recovery();
        // Approval steps of automatic runs are asked here too while the window is open.
        engine.recovery().useOperatorApprover(control.approver());
        control.engineStarted(recovery);
        detection.engineStarted(recovery);
        impact.engineStarted(recovery, engine.config().home());
        poll();
    }

    @Override
    public void update(EngineSnapshot snapshot) {
        poll();
    }

    /** Reads disaster recovery in the background (unless a read is under way) and shows what it found. */
    public void poll() {
        if (recovery == null || reading) {
            return;
        }
        reading = true;
        Instant now = clock.instant();
        boolean withCatalog = catalogWanted || lastCatalog == null || !now.isBefore(lastCatalog.plus(CATALOG_EVERY));
        catalogWanted = false;
        DisasterRecoveryCoordinator coordinator = recovery;
        RecoveryRun before = followed;
        tasks.execute(progress -> RecoveryReading.take(coordinator, before, withCatalog, clock), progress -> { },
                reading -> {
                    this.reading = false;
                    if (withCatalog) {
                        lastCatalog = now;
                    }
                    apply(reading);
                }, failure -> {
                    this.reading = false;
                    catalogWanted = withCatalog;
                    summary.set("Cannot read disaster recovery: " + message(failure));
                });
    }

    /** Reads the runbooks again (the shipped ones, then the data directory's) in the background. */
    public void reloadPlans() {
        if (recovery == null) {
            return;
        }
        DisasterRecoveryCoordinator coordinator = recovery;
        tasks.execute(progress -> {
            coordinator.reload();
            return coordinator.plans().size();
        }, progress -> { }, count -> {
            catalogWanted = true;
            poll();
        }, failure -> summary.set("Cannot read the runbooks: " + message(failure)));
    }

    private void apply(RecoveryReading r) {
        mode = r.mode();
        detection.show(r.detected(), r.mode());
        r.catalog().ifPresent(c -> showCatalog(c, r.at()));
        if (r.run().isPresent() && (followed == null || !followed.id().equals(r.run().get().id()))) {
            follow(r.run().get()); // started elsewhere: automatically, or from the command line
            return;
        }
        r.progress().ifPresent(p -> showFollowed(p, r.at()));
    }

    /** Follows a run just started, here or elsewhere: its steps show live. */
    private void follow(RecoveryRun started) {
        followed = started;
        followedRunning = true;
        following = true;
        history.select(null);
        control.underWay(started);
        catalogWanted = true;
        poll();
    }

    private void showFollowed(RunbookProgress p, Instant now) {
        boolean running = !p.state().finished();
        boolean ended = followedRunning && !running;
        followedRunning = running;
        control.underWay(running ? followed : null);
        if (following) {
            run.show(p, plan(p.planId()), now);
        }
        if (ended) {
            // The journal and the plan's last drill changed: read them now, not at the next catalog time.
            catalogWanted = true;
            poll();
            if (p.mode() == RunMode.DRILL) {
                impact.refresh();
            }
        }
    }

    private void runChosen(RunRow row) {
        if (history.replacing() || row == null) {
            return;
        }
        following = followed != null && followed.id().equals(row.runId());
        if (!following) {
            run.show(row.run(), plan(row.run().planId()), clock.instant());
        }
    }

    private Optional<RecoveryPlan> plan(String id) {
        return loadedPlans.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private void showCatalog(RecoveryReading.Catalog c, Instant now) {
        loadedPlans = c.plans();
        String keep = selectedPlan.get() == null ? null : selectedPlan.get().id();
        replacingPlans = true;
        try {
            ObservableLists.replaceIfChanged(plans, c.plans().stream().map(p -> PlanRow.of(p, c.history(), zone)).toList());
            selectPlan(keep);
        } finally {
            replacingPlans = false;
        }
        if (selectedPlan.get() == null) {
            control.select(null); // the plan is gone
        }
        ObservableLists.replaceIfChanged(problems, c.problems().stream().map(p -> StatusLine.bad(p.describe())).toList());
        history.show(c.history());
        if (!newestShown && followed == null && !c.history().isEmpty()) {
            // On opening, the last outcome is there at a glance.
            history.select(c.history().get(0).runId());
        }
        newestShown = true;
        if (!following && history.selectedProperty().get() != null) {
            run.show(history.selectedProperty().get().run(), plan(history.selectedProperty().get().run().planId()), now);
        }
        summary.set(c.plans().size() + (c.plans().size() == 1 ? " plan" : " plans")
                + (c.problems().isEmpty() ? "" : " · " + c.problems().stream().map(PlanProblem::file).distinct().count()
                + " runbook file(s) NOT loaded")
                + " · " + c.history().size() + (c.history().size() == 1 ? " run" : " runs") + " journaled"
                + " · mode " + mode.label());
    }

    /** "Run plan…" of the scenario detected: selects its plan and executes it after the usual question. */
    public void runDetected() {
        detection.toRun().ifPresent(d -> {
            selectPlan(d.planId());
            control.execute();
        });
    }

    private void selectPlan(String id) {
        selectedPlan.set(id == null ? null : plans.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null));
    }

    /** An exception's message for the operator; its type when it has none. */
    static String message(Throwable failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank() ? failure.toString() : failure.getMessage();
    }

    /** Dry-run, Drill, Execute and Cancel, and the selected plan's parameters. */
    public RunControl control() {
        return control;
    }

    /** The steps of the run shown. */
    public RunProgressViewModel run() {
        return run;
    }

    /** The journal of runs. */
    public RunHistoryViewModel history() {
        return history;
    }

    /** The business impact assessment. */
    public ImpactViewModel impact() {
        return impact;
    }

    /** Every plan that loaded, with its targets and last drill. */
    public ObservableList<PlanRow> plans() {
        return plansReadOnly;
    }

    /** The plan the actions act on; the view sets it from the table's selection. */
    public ObjectProperty<PlanRow> selectedPlanProperty() {
        return selectedPlan;
    }

    /** Selects the plan with this id, or nothing when it is not loaded. */
    public void select(String planId) {
        selectPlan(planId);
    }

    /** The runbook files that did not load: {@code runbooks/db.yaml:14: steps[2].timeout: ...}. */
    public ObservableList<StatusLine> problems() {
        return problemsReadOnly;
    }

    /** What is detected now, and the ask/automatic switch. */
    public DetectionViewModel detection() {
        return detection;
    }

    /** {@code 4 plans · 12 runs journaled · mode ask}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
