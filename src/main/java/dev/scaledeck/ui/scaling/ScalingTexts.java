package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.PolicyKind;
import dev.scaledeck.engine.scaling.ScalingAction;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingMode;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.ThresholdPolicy;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.ScalingSnapshot;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.ZoneId;
import java.util.Locale;

/** What the Scaling section says: the platform, the policy, the mode, decisions and metrics in words. Stateless. */
final class ScalingTexts {


    private ScalingTexts() {
    }

    /** Why nothing can be scaled without a platform, as the engine says it (another process owns them, say). */
    static String noPlatform(ScalingSnapshot s) {
        return capitalized(s.managedScaling()) + ".";
    }

    /** {@code local — the embedded sample instances · 3 replicas, 3 ready}, or why nothing can be scaled. */
    static String platform(ScalingSnapshot s) {
        if (s.platform() == null) {
            return noPlatform(s);
        }
        String where = s.platform() + " — " + s.target();
        if (s.managedScaling() != null) {
            return where + ". " + capitalized(s.managedScaling());
        }
        if (s.replicas() == null) {
            return where + " · replicas unknown: " + s.replicasProblem();
        }
        return where + " · " + replicas(s.replicas());
    }

    /** {@code 3 replicas, 2 ready, 1 starting}. */
    static String replicas(ReplicaStatus r) {
        return r.desired() + (r.desired() == 1 ? " replica, " : " replicas, ") + r.ready() + " ready"
                + (r.pending() > 0 ? ", " + r.pending() + " starting" : "");
    }

    /** The policy in words with its bounds and cooldown. */
    static String policy(ScalingSnapshot s) {
        ScalingRules r = s.rules();
        return s.policy() + " · " + r.minInstances() + ".." + r.maxInstances() + " instances · cooldown "
                + Durations.format(r.cooldown());
    }

    /** What the mode means, how often it evaluates on what, and the cooldown when one runs. */
    static String mode(ScalingSnapshot s, ZoneId zone) {
        String text = (s.mode() == ScalingMode.APPLY
                ? "apply: the auto-scaler changes the replica count itself"
                : "recommend: the auto-scaler only says what it would do; the count changes only when you scale by hand")
                + " · evaluates every " + Durations.format(s.interval()) + " from " + s.metricsSource();
        return s.cooldownUntil() == null ? text : text + " · cooldown until " + Formats.clock(s.cooldownUntil(), zone);
    }

    /** The newest decision with its time and outcome, or when the first is due. */
    static String latest(ScalingSnapshot s, ZoneId zone) {
        ScalingDecision d = s.lastDecision();
        if (d == null) {
            return "No decision yet: the auto-scaler evaluates every " + Durations.format(s.interval());
        }
        return Formats.clock(d.at(), zone) + " · " + d.summary() + (d.changes() ? " (" + outcome(d) + ")" : "");
    }

    /** The heading's line: platform, replicas, mode, policy, last action. */
    static String summary(ScalingSnapshot s, ZoneId zone) {
        String where = s.platform() == null ? "no platform (watching only)"
                : s.managedScaling() != null ? s.platform() + " (scales by itself)"
                : s.replicas() == null ? s.platform() + " (replicas unknown)"
                : s.platform() + ": " + replicas(s.replicas());
        ScalingDecision d = s.lastDecision();
        return where + " · " + s.mode().id() + " mode · " + s.rules().policy().id() + " policy"
                + (d == null ? "" : " · last decision " + Formats.clock(d.at(), zone) + ": " + action(d.action()));
    }

    static String action(ScalingAction action) {
        return switch (action) {
            case SCALE_UP -> "scale up";
            case SCALE_DOWN -> "scale down";
            case NO_CHANGE -> "no change";
            case BLOCKED -> "blocked";
        };
    }

    /** Whether a change went to the platform: {@code applied}, {@code recommended}; {@code —} for no change. */
    static String outcome(ScalingDecision d) {
        if (!d.changes()) {
            return Formats.NONE;
        }
        return d.applied() ? "applied" : "recommended";
    }

    /** The question before a manual scale: what happens, and what the auto-scaler will do about it. */
    static String scaleQuestion(String target, int from, int to, ScalingMode mode, ScalingRules rules) {
        String question = capitalized("scale " + target + " from " + from + " to " + to + "?");
        if (to == 0) {
            question += " No instance will be left to serve requests.";
        }
        if (mode == ScalingMode.RECOMMEND) {
            return question + " The auto-scaler only recommends, so the count stays at " + to
                    + " until someone changes it.";
        }
        if (to < rules.minInstances() || to > rules.maxInstances()) {
            return question + " " + to + " is outside the auto-scaler's " + rules.minInstances() + ".."
                    + rules.maxInstances() + " instances, so in apply mode it will move it back after the cooldown ("
                    + Durations.format(rules.cooldown()) + ").";
        }
        return question + " The auto-scaler in apply mode may move it back after the cooldown.";
    }

    /** The line above which the policy adds instances: {@code scale up > 80 %}, or the target it holds. */
    static String upLine(ScalingRules rules, Metric m) {
        if (rules.policy() == PolicyKind.THRESHOLD) {
            return "scale up > " + m.format(ThresholdPolicy.limit(rules.scaleUp(), m));
        }
        Double target = rules.targets().get(m);
        return target == null ? "no target: the policy ignores it"
                : "target " + m.format(target) + " ± " + Metric.number(rules.tolerancePercent()) + " %";
    }

    /** The line below which the threshold policy removes instances: {@code down < 30 %}; empty for target tracking. */
    static String downLine(ScalingRules rules, Metric m) {
        return rules.policy() == PolicyKind.THRESHOLD
                ? "down < " + m.format(ThresholdPolicy.limit(rules.scaleDown(), m)) : "";
    }

    /** Where a fleet average stands against the policy, coloured; null value: not reported. */
    static StatusLine verdict(ScalingRules rules, Metric m, Double value) {
        if (value == null) {
            return new StatusLine("no ready instance reports it", StatusStyles.UNKNOWN);
        }
        if (rules.policy() == PolicyKind.THRESHOLD) {
            if (value > ThresholdPolicy.limit(rules.scaleUp(), m)) {
                return new StatusLine("above the scale-up threshold", StatusStyles.DEGRADED);
            }
            if (value < ThresholdPolicy.limit(rules.scaleDown(), m)) {
                return new StatusLine("below the scale-down threshold", StatusStyles.SCALING_DOWN);
            }
            return StatusLine.good("within thresholds");
        }
        Double target = rules.targets().get(m);
        if (target == null) {
            return new StatusLine("not used", StatusStyles.UNKNOWN);
        }
        double ratio = value / target;
        String times = String.format(Locale.ROOT, "%.2f x target", ratio);
        if (Math.abs(ratio - 1) <= rules.tolerancePercent() / 100) {
            return StatusLine.good("on target (" + times + ")");
        }
        return new StatusLine(times, ratio > 1 ? StatusStyles.DEGRADED : StatusStyles.SCALING_DOWN);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
