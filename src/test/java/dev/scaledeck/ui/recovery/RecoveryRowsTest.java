package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.BusinessImpact;
import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.OnFailure;
import dev.scaledeck.engine.recovery.PlanStep;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunState;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepAction;
import dev.scaledeck.engine.recovery.StepProgress;
import dev.scaledeck.engine.recovery.StepState;
import dev.scaledeck.ui.common.StatusStyles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How plans, steps, runs and measurements read in the section, from hand-built engine records; no toolkit. */
class RecoveryRowsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:00Z");

    private static RecoveryPlan plan() {
        List<PlanStep> steps = List.of(
                step("Confirm the database is down", new StepAction.HealthCheck("database", false)),
                step("Start the database again", new StepAction.StartDatabase()),
                step("Wait for the instances", new StepAction.Approve("Go on?")));
        return new RecoveryPlan("database-down", "Database down", "", "built-in:database-down.yaml",
                List.of("database_connection_failed"), Duration.ofMinutes(1), Duration.ofMinutes(5),
                BusinessImpact.none(), Optional.of(DrillFault.DATABASE_DOWN), Map.of("instance", ""), steps);
    }

    private static PlanStep step(String name, StepAction action) {
        return new PlanStep(name, action, Duration.ofSeconds(30), 0, Duration.ofSeconds(1), OnFailure.ABORT, List.of(), 0);
    }

    private static StepProgress step(int index, String name, StepState state, Duration took) {
        return new StepProgress(index, name, "sql", "run a statement", false, state,
                took == null ? Optional.empty() : Optional.of(T0),
                took == null || state == StepState.RUNNING ? Optional.empty() : Optional.of(T0.plus(took)),
                took == null ? 0 : 1, List.of());
    }

    private static RunbookProgress drill(Duration rto, Duration rpo) {
        DrillMeasurement m = new DrillMeasurement(DrillFault.DATABASE_DOWN, T0, Optional.of(T0.plusSeconds(2)),
                T0.plus(rto), rto, rpo, "marker rows committed before the fault", Duration.ofMinutes(5),
                Duration.ofMinutes(1));
        return new RunbookProgress("20261127-101500-database-down-drill", "database-down", "Database down",
                RunMode.DRILL, Map.of(), RunState.SUCCEEDED, T0.minusSeconds(3), Optional.of(T0.plus(rto)), List.of(),
                "drill recovered", Optional.of(m), "operator (window)");
    }

    @Test
    void shouldShowAMeasurementAgainstItsTargetWithATickOrACross() {
        assertThat(RecoveryTexts.versus("RTO", Duration.ofMillis(4200), Duration.ofMinutes(5)))
                .isEqualTo("RTO 4.2 s (target 5m) ✓");
        assertThat(RecoveryTexts.versus("RPO", Duration.ofSeconds(75), Duration.ofMinutes(1)))
                .isEqualTo("RPO 1m 15s (target 1m) ✗");
    }

    @Test
    void shouldSayNeverDrilledInAmberForAPlanWithoutADrill() {
        PlanRow row = PlanRow.of(plan(), List.of(), ZoneOffset.UTC);

        assertThat(row.lastDrill()).isEqualTo("never drilled");
        assertThat(row.lastDrillStyle()).isEqualTo(StatusStyles.DEGRADED);
        assertThat(row.signals()).isEqualTo("database_connection_failed");
        assertThat(row.rpo()).isEqualTo("1m");
        assertThat(row.rto()).isEqualTo("5m");
    }

    @Test
    void shouldShowTheNewestSuccessfulDrillMetInGreenAndMissedInRed() {
        RunbookProgress met = drill(Duration.ofMillis(4200), Duration.ZERO);
        RunbookProgress missed = drill(Duration.ofMinutes(7), Duration.ofSeconds(10));

        PlanRow good = PlanRow.of(plan(), List.of(met, missed), ZoneOffset.UTC);
        PlanRow bad = PlanRow.of(plan(), List.of(missed, met), ZoneOffset.UTC);

        assertThat(good.lastDrill()).isEqualTo("RTO 4.2 s ✓ · RPO 0 ms ✓ · 2026-11-27 10:15");
        assertThat(good.lastDrillStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(bad.lastDrill()).contains("RTO 7m ✗ missed").contains("RPO 10.0 s ✓");
        assertThat(bad.lastDrillStyle()).isEqualTo(StatusStyles.BAD);
    }

    @Test
    void shouldColourEachStepStateAndTimeARunningStepUntilNow() {
        Instant now = T0.plusMillis(2500);

        StepRow running = StepRow.of(step(2, "Start the database again", StepState.RUNNING, Duration.ZERO), 1, now);
        StepRow done = StepRow.of(step(1, "Confirm", StepState.SUCCEEDED, Duration.ofMillis(300)), 0, now);
        StepRow pending = StepRow.of(step(3, "Later", StepState.PENDING, null), 2, now);

        assertThat(running.duration()).isEqualTo("2.5 s");
        assertThat(running.stateStyle()).isEqualTo(StatusStyles.RUNNING);
        assertThat(running.active()).isTrue();
        assertThat(done.duration()).isEqualTo("300 ms");
        assertThat(done.stateStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(pending.duration()).isEqualTo("—");
        assertThat(pending.attempts()).isEqualTo("—");
        assertThat(pending.stateStyle()).isEqualTo(StatusStyles.UNKNOWN);
        assertThat(StatusStyles.of(StepState.AWAITING_APPROVAL)).isEqualTo(StatusStyles.AWAITING);
        assertThat(StatusStyles.of(StepState.PLANNED)).isEqualTo(StatusStyles.PLANNED);
        assertThat(StatusStyles.of(StepState.FAILED)).isEqualTo(StatusStyles.BAD);
        assertThat(StepRow.of(step(4, "x", StepState.AWAITING_APPROVAL, Duration.ZERO), 3, now).state())
                .isEqualTo("AWAITING APPROVAL");
    }

    @Test
    void shouldShowAnInterruptedRunInRedWithTheStepsItHadDone() {
        RunbookProgress interrupted = new RunbookProgress("20261127-101500-database-down-execute", "database-down",
                "Database down", RunMode.EXECUTE, Map.of(), RunState.INTERRUPTED, T0, Optional.of(T0.plusSeconds(9)),
                List.of(step(1, "Confirm", StepState.SUCCEEDED, Duration.ofSeconds(1)),
                        step(2, "Start", StepState.INTERRUPTED, Duration.ofSeconds(8)),
                        step(3, "Later", StepState.PENDING, null)),
                "interrupted: the process running it ended after 1 of 3 step(s) succeeded; check the state of the system",
                Optional.empty(), "operator (cli)");

        RunRow row = RunRow.of(interrupted, ZoneOffset.UTC);

        assertThat(row.state()).isEqualTo("INTERRUPTED");
        assertThat(row.stateStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(row.summary()).contains("after 1 of 3 step(s) succeeded");
        assertThat(row.mode()).isEqualTo("execute");
        assertThat(row.who()).isEqualTo("operator (cli)");
        assertThat(row.rto()).isEqualTo("—");
        RunProgressViewModel shown = new RunProgressViewModel(ZoneOffset.UTC);
        shown.show(interrupted, Optional.of(plan()), T0.plusSeconds(60));
        assertThat(shown.steps()).extracting(StepRow::state).containsExactly("SUCCEEDED", "INTERRUPTED", "PENDING");
        assertThat(shown.outcomeProperty().get().style()).isEqualTo(StatusStyles.BAD);
        assertThat(shown.drillProperty().get()).isFalse();
    }

    @Test
    void shouldShowADrillsRtoAndRpoAgainstTheTargetsLarge() {
        RunProgressViewModel shown = new RunProgressViewModel(ZoneOffset.UTC);

        shown.show(drill(Duration.ofMillis(4200), Duration.ZERO), Optional.of(plan()), T0);

        assertThat(shown.drillProperty().get()).isTrue();
        assertThat(shown.rtoProperty().get()).isEqualTo(new dev.scaledeck.ui.common.StatusLine(
                "RTO 4.2 s (target 5m) ✓", StatusStyles.GOOD));
        assertThat(shown.rpoProperty().get().text()).isEqualTo("RPO 0 ms (target 1m) ✓");
        assertThat(shown.rpoBasisProperty().get()).isEqualTo("RPO measured as: marker rows committed before the fault");
        assertThat(shown.titleProperty().get())
                .isEqualTo("Drill of Database down (database-down) · started 2026-11-27 10:14:57 by operator (window)"
                        + " · took 7.2 s");
    }

    @Test
    void shouldShowADrillsMeasurementsAgainstTheTargetsInTheHistory() {
        RunRow row = RunRow.of(drill(Duration.ofMillis(1400), Duration.ZERO), ZoneOffset.UTC);

        assertThat(row.rto()).isEqualTo("1.4 s / 5m ✓");
        assertThat(row.rpo()).isEqualTo("0 ms / 1m ✓");
        assertThat(row.plan()).isEqualTo("Database down");
        assertThat(row.stateStyle()).isEqualTo(StatusStyles.GOOD);
    }

    @Test
    void shouldSayExactlyWhatADrillAndAnExecutionWillDo() {
        String drill = RecoveryTexts.drillQuestion(plan(), DrillFault.DATABASE_DOWN);
        String execute = RecoveryTexts.executeQuestion(plan(), Map.of("instance", "sample-2"));

        assertThat(drill).startsWith("The drill injects database-down (stops the embedded PostgreSQL")
                .contains("into the embedded environment, runs the plan's 3 steps, measures RTO and RPO, then undoes "
                        + "the fault")
                .contains("Targets: RTO 5m, RPO 1m.");
        assertThat(execute).contains("\n  1. Confirm the database is down (health-check)"
                        + "\n  2. Start the database again (start-database)"
                        + "\n  3. Wait for the instances (approve)")
                .contains("Parameters: instance = sample-2");
    }
}
