package dev.scaledeck.engine.recovery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's DisasterRecoveryCoordinator, as the engine offers it ({@code engine.recovery()}):
 * the runbooks (shipped and the operator's own), continuous detection of disaster scenarios from
 * the engine's signals, runs in dry-run, drill or execute mode with live progress, the journal of
 * every run (interrupted ones included), and the business impact assessment. Thread-safe.
 */
public interface DisasterRecoveryCoordinator {

    /** Every plan that loaded, by id. */
    List<RecoveryPlan> plans();

    /** The runbook files that did not load, each problem with its file and line. */
    List<PlanProblem> problems();

    Optional<RecoveryPlan> plan(String id);

    /** Reads the runbooks again (shipped, then the data directory's {@code runbooks/}). */
    void reload();

    /** The signals the engine sees now (health failures, down instances, alerts). */
    List<Signal> signals();

    /**
     * The seed's {@code detectDisaster(signals)}: the plans whose every signal is among these,
     * most specific first (most signals matched).
     */
    List<DetectedScenario> detect(Collection<String> signals);

    /** What continuous detection matches now against {@link #signals()}. */
    List<DetectedScenario> detected();

    RecoveryMode mode();

    void setMode(RecoveryMode mode);

    /**
     * Starts a run on a thread of its own; one run at a time.
     *
     * @param parameters values for the plan's placeholders (defaults fill the rest)
     * @param approver   answers the plan's {@code approve} steps
     * @param who        who asked: {@code operator (window)}, {@code operator (cli)}, {@code automatic}
     * @throws IllegalArgumentException naming the plan or parameter when there is no such plan or a
     *                                  parameter without a default is missing
     * @throws IllegalStateException    when another run is under way, or a drill is asked for where
     *                                  faults cannot be injected (not the embedded environment)
     */
    RecoveryRun start(String planId, RunMode mode, Map<String, String> parameters, Approver approver, String who);

    /** The seed's {@code executeRecoveryPlan(id)}: {@link #start} with the defaults, approvals refused. */
    default RecoveryRun execute(String planId, RunMode mode) {
        return start(planId, mode, Map.of(), Approver.NEVER, "api");
    }

    /** The run under way, if any. */
    Optional<RecoveryRun> current();

    /** Every run journaled in the data directory, newest first; runs cut short by a crash are INTERRUPTED. */
    List<RunbookProgress> history();

    /** The plan's last successful drill, with its measurements. */
    Optional<RunbookProgress> lastDrill(String planId);

    /** The business impact of every plan's scenario, now. */
    ImpactAssessment assess();
}
