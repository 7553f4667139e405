package dev.scaledeck.cli;

import dev.scaledeck.engine.scaling.ScalingDecision;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A scaling decision as the CLI's JSON and text show it. */
final class DecisionJson {

    private DecisionJson() {
    }

    static Map<String, Object> of(ScalingDecision d, String platform) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", d.at().toString());
        json.put("platform", platform);
        json.put("current", d.current());
        json.put("ready", d.ready());
        json.put("desired", d.desired());
        json.put("action", d.action().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        json.put("mode", d.mode().id());
        json.put("applied", d.applied());
        Map<String, Object> metrics = new LinkedHashMap<>();
        d.metrics().forEach((metric, value) -> metrics.put(metric.id(), Math.round(value * 10) / 10.0));
        json.put("metrics", metrics);
        json.put("reason", d.reason());
        return json;
    }

    /** {@code 14:00:15  3 -> 4  scale up (applied)  cpu 91 % > 80 % for 2 samples; +1 within rate limit} (UTC) */
    static String line(ScalingDecision d) {
        String action = d.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String state = d.changes() ? (d.applied() ? " (applied)" : " (recommended)") : "";
        return String.format(Locale.ROOT, "%s  %d -> %d  %s%s  %s", d.at().toString().substring(11, 19), d.current(),
                d.desired(), action, state, d.reason());
    }
}
