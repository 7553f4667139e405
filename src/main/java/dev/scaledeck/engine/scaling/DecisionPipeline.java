package dev.scaledeck.engine.scaling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From metrics to a {@link ScalingDecision}: the policy's recommendation, then the guards in
 * the order the Kubernetes HPA applies them — instance bounds, stabilization windows, rate
 * limits — and ScaleDeck's own: cooldown, warm-up, the connection budget and platforms that
 * scale by themselves. It remembers what it needs of the past (recent averages,
 * recommendations, changes). Used by the live auto-scaler and by what-if replays. Not
 * thread-safe: its owner serializes calls.
 */
final class DecisionPipeline {

    private static final int KEEP_SAMPLES = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ScalingRules rules;
    private ScalingPolicy policy;
    private final ZoneId zone;
    private final Deque<Map<Metric, Double>> recent = new ArrayDeque<>();
    private final Deque<Timed> recommendations = new ArrayDeque<>();
    private final Deque<Change> changes = new ArrayDeque<>();

    private record Timed(Instant at, int replicas) {
    }

    private record Change(Instant at, int from, int to) {
    }

    /** What the platform side tells one evaluation. */
    record Situation(int current, int ready, int warming, Map<Metric, Double> averages,
                     ConnectionBudget budget, Optional<String> managedScaling) {
    }

    DecisionPipeline(ScalingRules rules, ZoneId zone) {
        this.zone = zone;
        use(rules);
    }

    void use(ScalingRules newRules) {
        this.rules = newRules;
        this.policy = newRules.toPolicy();
    }

    ScalingRules rules() {
        return rules;
    }

    ScalingPolicy policy() {
        return policy;
    }

    /** Records that the platform was asked to go from {@code from} to {@code to} replicas. */
    void changed(Instant at, int from, int to) {
        changes.addLast(new Change(at, from, to));
        while (changes.size() > KEEP_SAMPLES) {
            changes.removeFirst();
        }
    }

    /** When the last change was made, if any. */
    Optional<Instant> lastChange() {
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.getLast().at());
    }

    ScalingDecision decide(Instant now, Situation s, ScalingMode mode) {
        recent.addLast(s.averages());
        while (recent.size() > KEEP_SAMPLES) {
            recent.removeFirst();
        }
        int current = s.current();
        Optional<Instant> cooldownEnd = lastChange().map(t -> t.plus(rules.cooldown())).filter(now::isBefore);
        if (current < rules.minInstances() || current > rules.maxInstances()) {
            // Back within bounds at once, whatever the metrics; only a cooldown (after an operator's change) waits.
            int bound = current < rules.minInstances() ? rules.minInstances() : rules.maxInstances();
            String why = current < rules.minInstances()
                    ? "below the minimum of " + rules.minInstances() : "above the maximum of " + rules.maxInstances();
            if (cooldownEnd.isPresent()) {
                return decision(now, s, mode, current, ScalingAction.BLOCKED, why + "; " + cooldownNote(current, bound,
                        cooldownEnd.get()));
            }
            return budgeted(now, s, mode, bound, why);
        }
        Recommendation rec = policy.recommend(new FleetSample(current, s.ready(), List.copyOf(recent)));
        List<String> notes = new ArrayList<>();
        int desired = clamp(rec.desired(), notes);
        desired = stabilize(now, current, desired, notes);
        if (desired == current) {
            return decision(now, s, mode, current, ScalingAction.NO_CHANGE, join(rec.reason(), notes));
        }
        desired = limitRate(now, current, desired, notes);
        if (desired == current) {
            return decision(now, s, mode, current, ScalingAction.BLOCKED, join(rec.reason(), notes));
        }
        if (cooldownEnd.isPresent()) {
            notes.add(cooldownNote(current, desired, cooldownEnd.get()));
            return decision(now, s, mode, current, ScalingAction.BLOCKED, join(rec.reason(), notes));
        }
        if (desired > current && s.warming() > 0 && rules.policy() == PolicyKind.THRESHOLD) {
            notes.add("waiting for " + s.warming() + " instance" + (s.warming() == 1 ? "" : "s") + " still warming up");
            return decision(now, s, mode, current, ScalingAction.BLOCKED, join(rec.reason(), notes));
        }
        return budgeted(now, s, mode, desired, join(rec.reason(), notes));
    }

    /** The last guards, shared with the bounds rule: the platform's own scaling, then the connection budget. */
    private ScalingDecision budgeted(Instant now, Situation s, ScalingMode mode, int desired, String reason) {
        int current = s.current();
        if (s.managedScaling().isPresent()) {
            return decision(now, s, mode, current, ScalingAction.BLOCKED,
                    reason + "; would be " + desired + ", but " + s.managedScaling().get());
        }
        String text = reason;
        if (desired > current) {
            Optional<ConnectionBudget.Limit> limit = s.budget().limit();
            if (limit.isEmpty()) {
                text += "; connection budget not checked (database not reachable)";
            } else if (desired > limit.get().maxReplicas()) {
                int allowed = Math.max(current, limit.get().maxReplicas());
                if (allowed == current) {
                    return decision(now, s, mode, current, ScalingAction.BLOCKED,
                            reason + "; refused by the connection budget: " + limit.get().explain(desired));
                }
                text += "; cut to " + allowed + " by the connection budget: " + limit.get().explain(desired);
                desired = allowed;
            }
        }
        ScalingAction action = desired > current ? ScalingAction.SCALE_UP
                : desired < current ? ScalingAction.SCALE_DOWN : ScalingAction.NO_CHANGE;
        return decision(now, s, mode, desired, action, text);
    }

    private String cooldownNote(int current, int desired, Instant end) {
        return (desired > current ? "+" : "") + (desired - current) + " blocked by cooldown until "
                + TIME.format(end.atZone(zone));
    }

    private int clamp(int wanted, List<String> notes) {
        if (wanted > rules.maxInstances()) {
            notes.add("capped at the maximum of " + rules.maxInstances() + " (policy wanted " + wanted + ")");
            return rules.maxInstances();
        }
        if (wanted < rules.minInstances()) {
            if (wanted != rules.minInstances() - 1) {
                notes.add("held at the minimum of " + rules.minInstances() + " (policy wanted " + wanted + ")");
            } else {
                notes.add("already at the minimum of " + rules.minInstances());
            }
            return rules.minInstances();
        }
        return wanted;
    }

    /**
     * HPA's stabilization: up to the lowest recommendation of the scale-up window, down to the
     * highest of the scale-down window, so a brief dip or spike does not move the count.
     */
    private int stabilize(Instant now, int current, int wanted, List<String> notes) {
        recommendations.addLast(new Timed(now, wanted));
        Duration longest = rules.scaleDownStabilization().compareTo(rules.scaleUpStabilization()) > 0
                ? rules.scaleDownStabilization() : rules.scaleUpStabilization();
        while (!recommendations.isEmpty() && recommendations.getFirst().at().isBefore(now.minus(longest))) {
            recommendations.removeFirst();
        }
        int upFloor = wanted;
        int downCeiling = wanted;
        for (Timed t : recommendations) {
            if (within(t, now, rules.scaleUpStabilization())) {
                upFloor = Math.min(upFloor, t.replicas());
            }
            if (within(t, now, rules.scaleDownStabilization())) {
                downCeiling = Math.max(downCeiling, t.replicas());
            }
        }
        if (wanted > current) {
            int up = Math.max(current, upFloor);
            if (up < wanted) {
                notes.add("held at " + up + " by the " + human(rules.scaleUpStabilization())
                        + " scale-up stabilization window");
            }
            return up;
        }
        if (wanted < current) {
            int down = Math.min(current, downCeiling);
            if (down > wanted) {
                notes.add(down == current
                        ? "no scale-down yet: " + down + " was recommended within the "
                            + human(rules.scaleDownStabilization()) + " stabilization window"
                        : "down only to " + down + ", the highest recommendation of the "
                            + human(rules.scaleDownStabilization()) + " stabilization window");
            }
            return down;
        }
        return current;
    }

    /** A zero window holds only this evaluation's recommendation. */
    private static boolean within(Timed t, Instant now, Duration window) {
        return !window.isZero() && !t.at().isBefore(now.minus(window));
    }

    /** At most +N or +P % (whichever allows more) and -M per rate period, counted from the period's start. */
    private int limitRate(Instant now, int current, int wanted, List<String> notes) {
        int changedInPeriod = 0;
        for (Change c : changes) {
            if (c.at().isAfter(now.minus(rules.ratePeriod()))) {
                changedInPeriod += c.to() - c.from();
            }
        }
        int periodStart = current - changedInPeriod;
        String period = " per " + human(rules.ratePeriod());
        if (wanted > current) {
            int byCount = periodStart + rules.maxStepUp();
            int byPercent = (int) Math.ceil(periodStart * (1 + rules.maxStepUpPercent() / 100.0) - 1e-9);
            int limit = Math.max(byCount, byPercent);
            String rule = "at most +" + rules.maxStepUp() + " or +" + rules.maxStepUpPercent() + " %" + period;
            if (wanted > limit) {
                int allowed = Math.max(current, limit);
                notes.add(allowed == current ? "rate limit reached (" + rule + ")"
                        : "+" + (allowed - current) + ", cut by the rate limit (" + rule + ")");
                return allowed;
            }
            notes.add("+" + (wanted - current) + " within rate limit");
            return wanted;
        }
        int limit = periodStart - rules.maxStepDown();
        String rule = "at most -" + rules.maxStepDown() + period;
        if (wanted < limit) {
            int allowed = Math.min(current, limit);
            notes.add(allowed == current ? "rate limit reached (" + rule + ")"
                    : (allowed - current) + ", cut by the rate limit (" + rule + ")");
            return allowed;
        }
        notes.add((wanted - current) + " within rate limit");
        return wanted;
    }

    private ScalingDecision decision(Instant now, Situation s, ScalingMode mode, int desired,
                                     ScalingAction action, String reason) {
        return new ScalingDecision(now, s.current(), s.ready(), desired, action, s.averages(), reason, mode, false);
    }

    private static String join(String reason, List<String> notes) {
        return notes.isEmpty() ? reason : reason + "; " + String.join("; ", notes);
    }

    static String human(Duration d) {
        return dev.scaledeck.engine.config.Durations.human(d);
    }
}
