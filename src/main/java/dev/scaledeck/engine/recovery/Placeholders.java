package dev.scaledeck.engine.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${name}} placeholders in runbook text. In SQL they become bound parameters, so a
 * value can never change the statement.
 */
public final class Placeholders {

    /** The placeholders every run fills itself. */
    public static final Set<String> BUILT_IN = Set.of("run.id", "plan.id", "mode", "replicas-at-start");

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private Placeholders() {
    }

    /** The names used in the text, in order. */
    public static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * @throws IllegalArgumentException naming the placeholder when it has no value
     */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), values)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A statement with each placeholder replaced by {@code ?}, and the values to bind in order. */
    public record BoundSql(String sql, List<String> arguments) {
        public BoundSql {
            arguments = List.copyOf(arguments);
        }
    }

    public static BoundSql bind(String statement, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(statement);
        StringBuilder out = new StringBuilder();
        List<String> args = new ArrayList<>();
        while (m.find()) {
            args.add(value(m.group(1), values));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return new BoundSql(out.toString(), args);
    }

    private static String value(String name, Map<String, String> values) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("placeholder ${" + name + "} has no value; give it with --param "
                    + name + "=VALUE");
        }
        return v;
    }
}
