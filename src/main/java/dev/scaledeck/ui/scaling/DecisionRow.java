package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.Formats;

import java.time.ZoneId;

/**
 * One line of the decision log, as the table shows it. Immutable.
 *
 * @param time        {@code 14:03:12}
 * @param change      {@code 3 → 4}
 * @param action      {@code scale up}, {@code scale down}, {@code no change}, {@code blocked}
 * @param actionStyle the action's colour, a {@link StatusStyles} class
 * @param reason      the auto-scaler's reason, in full
 * @param outcome     {@code applied}, {@code recommended}, or {@code —} when nothing was to change
 */
public record DecisionRow(String time, String change, String action, String actionStyle, String reason,
                          String outcome) {

    static DecisionRow of(ScalingDecision d, ZoneId zone) {
        return new DecisionRow(Formats.clock(d.at(), zone), d.current() + " → " + d.desired(),
                ScalingTexts.action(d.action()), StatusStyles.of(d.action()), d.reason(), ScalingTexts.outcome(d));
    }
}
