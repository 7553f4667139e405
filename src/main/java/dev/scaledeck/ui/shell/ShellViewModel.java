package dev.scaledeck.ui.shell;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.ui.common.DatabaseProbe;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Sampler;
import dev.scaledeck.ui.common.TaskExecutor;
import dev.scaledeck.ui.notify.AlertNotificationsViewModel;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The window as a whole: starts the engine through an {@link EngineLauncher} (saying what it
 * waits for), runs the one {@link Sampler} that keeps every section live, shows engine,
 * database, instance and alert state in the status bar, and closes the engine when the window
 * goes. All properties change on the UI thread only.
 */
public final class ShellViewModel {

    /** How often the window pulls engine snapshots: 2 Hz. */
    public static final Duration SAMPLE_PERIOD = Duration.ofMillis(500);
    /** Live data counts as there once every chart holds this many points. */
    public static final int READY_POINTS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ShellViewModel.class);
    private static final Duration DATABASE_CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Duration DATABASE_CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final int PROGRESS_STEPS_KEPT = 30;

    private final TaskExecutor tasks;
    private final List<Section<?>> sections;
    private final Duration samplePeriod;

    private final ReadOnlyObjectWrapper<EngineState> state = new ReadOnlyObjectWrapper<>(this, "state", EngineState.STARTING);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", EngineState.STARTING.label());
    private final ReadOnlyStringWrapper stateStyle = new ReadOnlyStringWrapper(this, "stateStyle", EngineState.STARTING.styleClass());
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "Starting the engine");
    private final ObservableList<String> progressSteps = FXCollections.observableArrayList();
    private final ObservableList<String> progressStepsReadOnly = FXCollections.unmodifiableObservableList(progressSteps);
    private final ReadOnlyStringWrapper failureMessage = new ReadOnlyStringWrapper(this, "failureMessage", "");
    private final ReadOnlyStringWrapper failureDetails = new ReadOnlyStringWrapper(this, "failureDetails", "");
    private final ReadOnlyStringWrapper startupHeading = new ReadOnlyStringWrapper(this, "startupHeading", "Starting ScaleDeck");
    private final ReadOnlyBooleanWrapper startupVisible = new ReadOnlyBooleanWrapper(this, "startupVisible", true);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyBooleanWrapper liveDataReady = new ReadOnlyBooleanWrapper(this, "liveDataReady");
    private final StatusBarViewModel statusBar = new StatusBarViewModel();
    private final AlertNotificationsViewModel notifications = new AlertNotificationsViewModel();
    private final ObjectProperty<Section<?>> selectedSection = new SimpleObjectProperty<>(this, "selectedSection");

    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private long snapshotsApplied;
    // Lifecycle fields: the launch result may arrive on another thread than shutdown() runs on.
    private LaunchedEngine launched;
    private Sampler<EngineSnapshot> sampler;
    private DatabaseProbe probe;
    private boolean started;
    private boolean launchPending;
    private boolean shutdownRequested;

    /**
     * @param tasks        runs the launch in the background
     * @param sections     the navigation's sections, the first selected
     * @param samplePeriod how often to pull engine snapshots ({@link #SAMPLE_PERIOD} in the window)
     */
    public ShellViewModel(TaskExecutor tasks, List<Section<?>> sections, Duration samplePeriod) {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("the window needs at least one section");
        }
        this.tasks = tasks;
        this.sections = List.copyOf(sections);
        this.samplePeriod = samplePeriod;
        this.selectedSection.set(this.sections.get(0));
        this.statusMessage.bind(progressMessage);
    }

    /** Starts the engine in the background; progress, success and failure show in the window. Once only. */
    public void start(EngineLauncher launcher) {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("the engine was started already");
            }
            started = true;
            launchPending = true;
        }
        tasks.execute(progress -> launch(launcher, progress), this::onProgress, this::onLaunched, this::onLaunchFailed);
    }

    /**
     * Runs on the background thread, so an engine that arrives after the window closed is
     * closed even when the UI thread is already gone.
     *
     * @return the engine, or null when the window closed meanwhile
     */
    private LaunchedEngine launch(EngineLauncher launcher, Consumer<String> progress) throws Exception {
        LaunchedEngine engine;
        try {
            engine = launcher.launch(progress);
        } catch (Exception | Error e) {
            synchronized (this) {
                launchPending = false;
                if (shutdownRequested) {
                    closed.complete(null);
                }
            }
            throw e;
        }
        synchronized (this) {
            launchPending = false;
            if (shutdownRequested) {
                LOG.info("Engine came up after the window closed; stopping it");
                closeInBackground(engine);
                return null;
            }
            launched = engine;
            return engine;
        }
    }

    private void onProgress(String message) {
        if (state.get() != EngineState.STARTING || message == null || message.isBlank()) {
            return;
        }
        progressMessage.set(message);
        progressSteps.add(message);
        if (progressSteps.size() > PROGRESS_STEPS_KEPT) {
            progressSteps.remove(0, progressSteps.size() - PROGRESS_STEPS_KEPT);
        }
    }

    private void onLaunched(LaunchedEngine engine) {
        ScalingEngine e;
        synchronized (this) {
            if (engine == null || launched != engine) {
                return;
            }
            e = engine.engine();
            probe = new DatabaseProbe(e.pool(), DATABASE_CHECK_INTERVAL, DATABASE_CHECK_TIMEOUT);
            sampler = new Sampler<>(samplePeriod, () -> EngineSnapshot.take(e, probe.status()), this::apply,
                    tasks::runInUiThread);
        }
        description.set(engine.description());
        e.alerts().addListener(notifications::alertChanged);
        for (Section<?> section : sections) {
            section.viewModel().engineStarted(engine);
        }
        // Running, the status bar has no room for it; the navigation shows what the engine runs on.
        statusMessage.unbind();
        statusMessage.set("");
        changeState(EngineState.RUNNING);
        probe.start();
        sampler.start();
    }

    private void onLaunchFailed(Throwable error) {
        Throwable cause = unwrap(error);
        LOG.error("The engine could not start", cause);
        failureMessage.set(messageOf(cause));
        failureDetails.set(causeChain(cause));
        statusMessage.unbind();
        statusMessage.set("Could not start: " + failureMessage.get());
        changeState(EngineState.FAILED);
    }

    private void changeState(EngineState next) {
        state.set(next);
        stateText.set(next.label());
        stateStyle.set(next.styleClass());
        startupVisible.set(next == EngineState.STARTING || next == EngineState.FAILED);
        failed.set(next == EngineState.FAILED);
        startupHeading.set(next == EngineState.FAILED ? "The engine could not start" : "Starting ScaleDeck");
    }

    /** One sampler tick: the status bar and every section, in one UI-thread update. */
    void apply(EngineSnapshot snapshot) {
        if (state.get() != EngineState.RUNNING) {
            return;
        }
        statusBar.update(snapshot);
        notifications.update(snapshot);
        for (Section<?> section : sections) {
            section.viewModel().update(snapshot);
        }
        snapshotsApplied++;
        liveDataReady.set(snapshotsApplied >= READY_POINTS);
    }

    /** Takes and applies one snapshot now, on the calling thread; for tests, which step instead of waiting. */
    public void sampleNow() {
        ScalingEngine engine;
        DatabaseProbe databaseProbe;
        synchronized (this) {
            if (launched == null) {
                throw new IllegalStateException("the engine is not running");
            }
            engine = launched.engine();
            databaseProbe = probe;
        }
        apply(EngineSnapshot.take(engine, databaseProbe.checkNow()));
    }

    /**
     * Stops sampling and closes the engine on a thread of its own (never the UI thread). When
     * the launch is still running, its engine is closed as soon as it arrives. Idempotent.
     *
     * @return completes when the engine is closed, or the launch failed, or nothing was started
     */
    public CompletableFuture<Void> shutdown() {
        LaunchedEngine engine;
        synchronized (this) {
            if (shutdownRequested) {
                return closed;
            }
            shutdownRequested = true;
            if (sampler != null) {
                sampler.close();
            }
            if (probe != null) {
                probe.close();
            }
            engine = launched;
            launched = null;
            if (engine == null && !launchPending) {
                closed.complete(null);
                return closed;
            }
        }
        if (engine != null) {
            changeState(EngineState.STOPPING);
            closeInBackground(engine);
        }
        return closed;
    }

    private void closeInBackground(LaunchedEngine engine) {
        Thread closer = new Thread(() -> {
            try {
                engine.close();
                closed.complete(null);
            } catch (RuntimeException e) {
                LOG.warn("Closing the engine failed", e);
                closed.completeExceptionally(e);
            }
        }, "scaledeck-engine-close");
        // Not a daemon: the JVM should let the database stop cleanly rather than orphan it.
        closer.start();
        closed.thenRun(() -> tasks.runInUiThread(() -> changeState(EngineState.STOPPED)));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The launcher's message is written for the operator; a bare exception still says what it is. */
    static String messageOf(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message;
    }

    private static String causeChain(Throwable top) {
        StringBuilder out = new StringBuilder(top.getClass().getName());
        for (Throwable c = top.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            out.append("\ncaused by ").append(c.getClass().getName());
            if (c.getMessage() != null) {
                out.append(": ").append(c.getMessage());
            }
        }
        return out.toString();
    }

    public List<Section<?>> sections() {
        return sections;
    }

    public ObjectProperty<Section<?>> selectedSectionProperty() {
        return selectedSection;
    }

    /** Shows the section with this title (any case); false, and nothing changes, when there is none. */
    public boolean showSection(String title) {
        for (Section<?> section : sections) {
            if (section.title().equalsIgnoreCase(title.trim())) {
                selectedSection.set(section);
                return true;
            }
        }
        return false;
    }

    /** Shows the first section (the Overview). */
    public void showFirstSection() {
        selectedSection.set(sections.get(0));
    }

    public ReadOnlyObjectProperty<EngineState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public EngineState state() {
        return state.get();
    }

    /** "Starting…", "Running", "Failed", ... */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateStyleProperty() {
        return stateStyle.getReadOnlyProperty();
    }

    /** The status bar's message: what the start waits for, or why it failed; empty while running. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** The launcher's latest progress message. */
    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage.getReadOnlyProperty();
    }

    /** Every progress message so far (bounded), oldest first. */
    public ObservableList<String> progressSteps() {
        return progressStepsReadOnly;
    }

    /** Why the engine could not start, as the launcher said it. */
    public ReadOnlyStringProperty failureMessageProperty() {
        return failureMessage.getReadOnlyProperty();
    }

    /** The chain of causes behind {@link #failureMessageProperty()}, one per line. */
    public ReadOnlyStringProperty failureDetailsProperty() {
        return failureDetails.getReadOnlyProperty();
    }

    /** The start-up panel's heading: starting, or could not start. */
    public ReadOnlyStringProperty startupHeadingProperty() {
        return startupHeading.getReadOnlyProperty();
    }

    /** Whether the content area shows the start-up (or failure) panel instead of the sections. */
    public ReadOnlyBooleanProperty startupVisibleProperty() {
        return startupVisible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** What the engine runs on, from the launcher. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Database, instances and alerts, as the status bar shows them. */
    public StatusBarViewModel statusBar() {
        return statusBar;
    }

    /** Which alerts pop up as notifications. */
    public AlertNotificationsViewModel notifications() {
        return notifications;
    }

    /** True once the engine runs and every live chart holds {@link #READY_POINTS} points. */
    public ReadOnlyBooleanProperty liveDataReadyProperty() {
        return liveDataReady.getReadOnlyProperty();
    }
}
