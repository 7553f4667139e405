package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.DetectedScenario;
import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.PlanProblem;
import dev.scaledeck.engine.recovery.RecoveryMode;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RecoveryRun;
import dev.scaledeck.engine.recovery.RunbookProgress;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one background read of disaster recovery found: the mode, what detection matches, the run
 * followed and its progress, and, when asked for, the plans, the plan files that did not load and
 * the journaled runs (which read files). Immutable.
 *
 * @param at       when it was read
 * @param run      the run under way now, else the run followed before (which may have ended)
 * @param progress that run's progress now
 * @param catalog  plans, problems and history, when this read included them
 */
record RecoveryReading(Instant at, RecoveryMode mode, List<DetectedScenario> detected, Optional<RecoveryRun> run,
                       Optional<RunbookProgress> progress, Optional<Catalog> catalog) {

    /** The slower part of a read: the runbooks and the journal on disk. */
    record Catalog(List<RecoveryPlan> plans, List<PlanProblem> problems, List<RunbookProgress> history) {
    }

    /**
     * Reads on the calling thread (a background one).
     *
     * @param followed the run followed so far, or null
     */
    static RecoveryReading take(DisasterRecoveryCoordinator recovery, RecoveryRun followed, boolean withCatalog,
                                Clock clock) {
        Optional<RecoveryRun> run = recovery.current().or(() -> Optional.ofNullable(followed));
        Optional<RunbookProgress> progress = run.map(RecoveryRun::progress);
        Optional<Catalog> catalog = withCatalog
                ? Optional.of(new Catalog(recovery.plans(), recovery.problems(), recovery.history()))
                : Optional.empty();
        return new RecoveryReading(clock.instant(), recovery.mode(), recovery.detected(), run, progress, catalog);
    }
}
