package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.Duration;
import java.time.ZoneId;

/**
 * One run of the history as its table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param run        the run as journaled (its steps show when it is selected)
 * @param time       when it started, local
 * @param plan       the plan's name
 * @param mode       dry-run, drill or execute
 * @param who        who started it: {@code operator (window)}, {@code operator (cli)}, {@code automatic}
 * @param state      e.g. {@code SUCCEEDED}, {@code INTERRUPTED}
 * @param stateStyle the state's colour ({@link StatusStyles#of(dev.scaledeck.engine.recovery.RunState)})
 * @param summary    what happened; an interrupted run says how many steps were done
 * @param rto        a drill's measured RTO against its target ({@code 1.4 s / 5m ✓}), or {@link Formats#NONE}
 * @param rpo        a drill's measured RPO against its target, or {@link Formats#NONE}
 */
public record RunRow(RunbookProgress run, String time, String plan, String mode, String who, String state,
                     String stateStyle, String summary, String rto, String rpo) {

    public String runId() {
        return run.runId();
    }

    static RunRow of(RunbookProgress run, ZoneId zone) {
        return new RunRow(run, Formats.dateTime(run.started(), zone), run.planName(), run.mode().label(), run.who(),
                run.state().name(), StatusStyles.of(run.state()), run.summary(),
                run.measured().map(m -> against(m.rto(), m.rtoTarget())).orElse(Formats.NONE),
                run.measured().map(m -> against(m.rpo(), m.rpoTarget())).orElse(Formats.NONE));
    }

    /** {@code 1.4 s / 5m ✓}. */
    private static String against(Duration measured, Duration target) {
        return Durations.measured(measured) + " / " + RecoveryTexts.target(target) + " "
                + (measured.compareTo(target) <= 0 ? RecoveryTexts.MET : RecoveryTexts.MISSED);
    }
}
