package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.ui.common.Parsed;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads what the operator typed into the Scaling section. The policy fields throw
 * {@link IllegalArgumentException} naming the setting, as {@link ScalingRules} does, so the form
 * shows one kind of message whichever check failed. Stateless.
 */
final class ScalingInputs {

    private ScalingInputs() {
    }

    /** A replica count for "Scale to": 0 to {@link ScalingRules#INSTANCE_LIMIT}; blank when nothing is typed. */
    static Parsed<Integer> replicas(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Parsed.blank();
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 0 && n <= ScalingRules.INSTANCE_LIMIT) {
                return Parsed.of(n);
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        return Parsed.invalid("Type a whole number of replicas from 0 to " + ScalingRules.INSTANCE_LIMIT + ", not '"
                + t + "'");
    }

    static int whole(String setting, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a whole number such as 4, not '" + text.trim() + "'");
        }
    }

    static double number(String setting, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException(setting + " must be a number such as 80, not '" + text.trim() + "'");
    }

    static Duration duration(String setting, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be " + Durations.ALLOWED + ", not '" + text.trim() + "'");
        }
    }

    /** {@code cpu=70,memory=80}; blank means none. Values are checked by {@link ScalingRules}. */
    static Map<Metric, Double> targets(String text) {
        Map<Metric, Double> targets = new EnumMap<>(Metric.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("scaling.targets: write metric=value pairs such as cpu=70,memory=80;"
                        + " '" + part.trim() + "' has no '='");
            }
            Metric metric;
            try {
                metric = Metric.parse(part.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scaling.targets: " + e.getMessage());
            }
            if (targets.put(metric, number("scaling.targets: the target for " + metric.id(),
                    part.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("scaling.targets: " + metric.id() + " appears twice");
            }
        }
        return targets;
    }
}
