package dev.scaledeck.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which parts of the engine log at DEBUG, from the seed's {@code DEBUG} variable in the style of
 * the npm {@code debug} package: {@code scaling:*} for the whole engine, {@code scaling:balancer}
 * for one part, comma- or space-separated lists, {@code -scaling:pool} to leave a part out.
 * {@code DEBUG} is shared with other programs, so namespaces other than {@code scaling:} are
 * ignored; an unknown {@code scaling:} part is an error that lists the parts. Immutable.
 *
 * @param parts the parts turned on, in {@link #PARTS} order
 */
public record DebugLogging(List<String> parts) {

    private static final String ENGINE = "dev.scaledeck.engine";

    /** Every part and the packages (logger names) it turns on. */
    public static final Map<String, List<String>> PARTS = partTable();

    public DebugLogging {
        parts = List.copyOf(parts);
        for (String part : parts) {
            if (!PARTS.containsKey(part)) {
                throw new IllegalArgumentException(unknown(part));
            }
        }
    }

    public static DebugLogging off() {
        return new DebugLogging(List.of());
    }

    private static Map<String, List<String>> partTable() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        // The engine's own classes (ScalingEngine, the launcher) belong to no part but the whole.
        for (String part : List.of("alert", "backup", "balancer", "config", "event", "failover", "health",
                "loadtest", "metrics", "pool", "recovery", "scaling", "util")) {
            parts.put(part, List.of(ENGINE + "." + part));
        }
        parts.put("embedded", List.of("dev.scaledeck.embedded"));
        return Collections.unmodifiableMap(parts);
    }

    /**
     * Reads a {@code DEBUG} value.
     *
     * @throws IllegalArgumentException naming the unknown part and listing the known ones
     */
    public static DebugLogging parse(String text) {
        Set<String> on = new LinkedHashSet<>();
        Set<String> off = new LinkedHashSet<>();
        boolean all = false;
        for (String token : text.trim().split("[,\\s]+")) {
            boolean exclude = token.startsWith("-");
            String name = exclude ? token.substring(1) : token;
            if (name.equals("*")) {
                all |= !exclude;
            } else if (name.startsWith("scaling:")) {
                String part = name.substring("scaling:".length());
                if (part.equals("*")) {
                    all |= !exclude;
                } else if (!PARTS.containsKey(part)) {
                    throw new IllegalArgumentException(unknown(part));
                } else {
                    (exclude ? off : on).add(part);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        for (String part : PARTS.keySet()) {
            if ((all || on.contains(part)) && !off.contains(part)) {
                parts.add(part);
            }
        }
        return new DebugLogging(parts);
    }

    /** What {@code DEBUG} accepts, for error messages and help. */
    public static String allowed() {
        return "scaling:* (the whole engine) or scaling:PART, comma-separated (-scaling:PART leaves one out), "
                + "with PART one of " + String.join(", ", PARTS.keySet());
    }

    private static String unknown(String part) {
        return "'" + part + "' is not a part of the engine; " + allowed();
    }

    /** Every logger name any {@code DEBUG} value can turn on. */
    public static List<String> everyLogger() {
        Set<String> names = new LinkedHashSet<>(List.of(ENGINE, "dev.scaledeck.embedded"));
        PARTS.values().forEach(names::addAll);
        return List.copyOf(names);
    }

    /** Whether any part logs at DEBUG. */
    public boolean enabled() {
        return !parts.isEmpty();
    }

    /** Whether every part is on: the whole engine, its own classes included. */
    public boolean all() {
        return parts.size() == PARTS.size();
    }

    /** The logger names to set to DEBUG: the whole engine's when every part is on, else each part's packages. */
    public List<String> loggers() {
        List<String> loggers = new ArrayList<>();
        if (all()) {
            loggers.add(ENGINE);
            loggers.add("dev.scaledeck.embedded");
            return List.copyOf(loggers);
        }
        for (String part : parts) {
            loggers.addAll(PARTS.get(part));
        }
        return List.copyOf(loggers);
    }
}
