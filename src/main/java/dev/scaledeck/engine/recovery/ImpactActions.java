package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.scaledeck.engine.config.Durations.human;
import static dev.scaledeck.engine.config.Durations.measured;

/** What to do about a plan's impact, one sentence each, most urgent first. Stateless. */
final class ImpactActions {

    private ImpactActions() {
    }

    /**
     * @param impact the plan's impact
     * @param at     when it was assessed
     */
    static List<String> of(PlanImpact impact, Instant at) {
        List<String> actions = new ArrayList<>();
        String rpo = human(impact.rpoTarget());
        if (impact.newestVerifiedBackup().isEmpty()) {
            actions.add("Take a full backup and verify it (`scaledeck backup create --full`, then "
                    + "`scaledeck backup verify <id>`), and schedule one at least every " + rpo + " (backup.schedules).");
        } else if (!impact.rpoMet()) {
            actions.add("Back up more often: a verified full backup at least every " + rpo
                    + " (backup.schedules), or agree a longer RPO with the business.");
        }
        if (impact.neverDrilled()) {
            actions.add("Drill the plan to measure the downtime: `scaledeck dr run " + impact.planId()
                    + " --drill` (a plan without a `drill` section needs one first).");
        } else {
            actions.addAll(afterDrill(impact, at));
        }
        if (impact.affectedUsers().isEmpty()) {
            actions.add("Fix the count of affected users (" + impact.usersNote()
                    + "): check the database and the plan's `impact.usersQuery`.");
        }
        if (actions.isEmpty()) {
            actions.add("Nothing now; drill again by "
                    + ImpactFindings.utc(impact.lastDrill().orElse(at).plus(ImpactFindings.STALE_DRILL)) + ".");
        }
        return actions;
    }

    private static List<String> afterDrill(PlanImpact impact, Instant at) {
        List<String> actions = new ArrayList<>();
        if (!impact.rtoMet()) {
            actions.add("Shorten the recovery to within " + human(impact.rtoTarget()) + " (the last drill took "
                    + measured(impact.measuredRto().orElseThrow()) + "): speed up its slowest steps, or agree a longer "
                    + "RTO with the business.");
        }
        impact.measuredRpo().filter(r -> r.compareTo(impact.rpoTarget()) > 0).ifPresent(r ->
                actions.add("Make the recovery lose less data: the last drill lost " + measured(r) + ", the RPO target is "
                        + human(impact.rpoTarget()) + "."));
        Duration age = Duration.between(impact.lastDrill().orElseThrow(), at);
        if (age.compareTo(ImpactFindings.STALE_DRILL) > 0) {
            actions.add("Drill again: the last drill is " + age.toDays() + " days old.");
        }
        return actions;
    }
}
