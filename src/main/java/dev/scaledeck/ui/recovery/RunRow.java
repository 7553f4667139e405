package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.ZoneId;

/**
 * One run of the history as its table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param run        the run as journaled (its steps show when it is selected)
 * @param time       when it started, local
 * @param plan       the plan's name and id
 * @param mode       dry-run, drill or execute, and who started it
 * @param state      e.g. {@code SUCCEEDED}, {@code INTERRUPTED}
 * @param stateStyle the state's colour ({@link StatusStyles#of(dev.scaledeck.engine.recovery.RunState)})
 * @param summary    what happened; an interrupted run says how many steps were done
 * @param rto        a drill's measured RTO against its target, or {@link Formats#NONE}
 * @param rpo        a drill's measured RPO against its target, or {@link Formats#NONE}
 */
public record RunRow(RunbookProgress run, String time, String plan, String mode, String state, String stateStyle,
                     String summary, String rto, String rpo) {

    public String runId() {
        return run.runId();
    }

    static RunRow of(RunbookProgress run, ZoneId zone) {
        return new RunRow(run, Formats.dateTime(run.started(), zone), run.planName() + " (" + run.planId() + ")",
                run.mode().label() + " · " + run.who(), run.state().name(), StatusStyles.of(run.state()), run.summary(),
                run.measured().map(m -> RecoveryTexts.versus("", m.rto(), m.rtoTarget()).trim()).orElse(Formats.NONE),
                run.measured().map(m -> RecoveryTexts.versus("", m.rpo(), m.rpoTarget()).trim()).orElse(Formats.NONE));
    }
}
