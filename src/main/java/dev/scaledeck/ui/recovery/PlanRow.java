package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One plan as the plans table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param plan           the plan itself, for the actions
 * @param signals        the signals it matches, comma separated
 * @param rpo            the RPO target
 * @param rto            the RTO target
 * @param lastDrill      {@code RTO 4.2 s ✓ · RPO 0 ms ✓ · 2026-11-27 10:15}, or {@code never drilled}
 * @param lastDrillStyle green when both targets were met, red when one was missed, amber when never drilled
 */
public record PlanRow(RecoveryPlan plan, String signals, String rpo, String rto, String lastDrill,
                      String lastDrillStyle) {

    static final String NEVER = "never drilled";

    public String id() {
        return plan.id();
    }

    public String name() {
        return plan.name();
    }

    /** @param history every run, newest first: the plan's newest successful drill counts */
    static PlanRow of(RecoveryPlan plan, List<RunbookProgress> history, ZoneId zone) {
        Optional<RunbookProgress> drill = history.stream()
                .filter(r -> r.planId().equals(plan.id()) && r.mode() == RunMode.DRILL && r.succeeded()
                        && r.measured().isPresent())
                .findFirst();
        String text = drill.map(r -> lastDrill(r, r.measured().orElseThrow(), zone))
                .orElse(plan.drill().isPresent() ? NEVER : NEVER + " (the plan names no drill fault)");
        String style = drill.flatMap(RunbookProgress::measured)
                .map(m -> m.rtoMet() && m.rpoMet() ? StatusStyles.GOOD : StatusStyles.BAD)
                .orElse(StatusStyles.DEGRADED);
        return new PlanRow(plan, String.join(", ", plan.signals()), RecoveryTexts.target(plan.rpo()),
                RecoveryTexts.target(plan.rto()), text, style);
    }

    private static String lastDrill(RunbookProgress run, DrillMeasurement m, ZoneId zone) {
        return "RTO " + Durations.measured(m.rto()) + " " + (m.rtoMet() ? RecoveryTexts.MET : RecoveryTexts.MISSED + " missed")
                + " · RPO " + Durations.measured(m.rpo()) + " " + (m.rpoMet() ? RecoveryTexts.MET
                : RecoveryTexts.MISSED + " missed") + " · "
                + Formats.dateTime(run.finished().orElse(run.started()), zone).substring(0, 16);
    }
}
