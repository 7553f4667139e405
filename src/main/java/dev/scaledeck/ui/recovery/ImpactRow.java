package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.ImpactStatus;
import dev.scaledeck.engine.recovery.PlanImpact;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.util.Locale;

/**
 * One plan's business impact as the impact table shows it. Immutable.
 *
 * @param planId        the plan
 * @param plan          the plan's name
 * @param users         users affected, or {@code unknown} with why
 * @param dataAtRisk    {@code 12m / 1m}: the age of the newest verified full backup against the RPO target
 * @param dataStyle     green within the RPO, red over it or without a verified backup
 * @param downtime      {@code 4.2 s / 5m}: the last drill's RTO against the RTO target, or not drilled
 * @param downtimeStyle green within the RTO, red over it, amber never drilled
 * @param cost          the expected downtime's cost, or the cost per hour ({@code 1,200.00 EUR/h}) when not drilled
 * @param status        OK, AT RISK or NOT DRILLED
 * @param statusStyle   green, red or amber
 * @param findings      what the assessment found, its sentences one after the other
 */
public record ImpactRow(String planId, String plan, String users, String dataAtRisk, String dataStyle, String downtime,
                        String downtimeStyle, String cost, String status, String statusStyle, String findings) {

    static ImpactRow of(PlanImpact p) {
        ImpactStatus status = ImpactStatus.of(p);
        String users = p.affectedUsers().isPresent() ? Formats.count(p.affectedUsers().getAsLong()) : "unknown";
        String data = p.dataAtRisk().map(Durations::human).orElse("no verified backup") + " / "
                + RecoveryTexts.target(p.rpoTarget());
        String downtime = p.measuredRto().map(Durations::measured).orElse("not drilled") + " / "
                + RecoveryTexts.target(p.rtoTarget());
        String downtimeStyle = p.neverDrilled() ? StatusStyles.DEGRADED : p.rtoMet() ? StatusStyles.GOOD : StatusStyles.BAD;
        return new ImpactRow(p.planId(), p.planName(), users, data,
                p.rpoMet() ? StatusStyles.GOOD : StatusStyles.BAD, downtime, downtimeStyle, cost(p), status.label(),
                StatusStyles.of(status), String.join(" ", p.findings()));
    }

    private static String cost(PlanImpact p) {
        if (p.costPerHour() == 0) {
            return "not given";
        }
        return p.expectedCost().map(c -> money(c, p.currency()))
                .orElse(money(p.costPerHour(), p.currency()) + "/h");
    }

    private static String money(double amount, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", amount, currency);
    }
}
