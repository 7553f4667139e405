package dev.scaledeck.engine.recovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${name}} placeholders of runbook text: which a plan may use (its declared
 * parameters and the built-in ones), and filling them when a step runs. In SQL they become
 * bound parameters, so a value can never change the statement. Immutable.
 */
public final class Placeholders {

    /** Filled by every run: the run's id, the plan's id, the run mode and the replica count when it started. */
    public static final List<String> BUILT_IN = List.of("run.id", "plan.id", "mode", "replicas-at-start");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ONLY_A_PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    private final List<String> declared;

    Placeholders(Collection<String> declared) {
        this.declared = List.copyOf(declared);
    }

    /** Whether the whole text is one placeholder, e.g. {@code ${count}} (its name is checked apart). */
    static boolean isOnlyPlaceholder(String text) {
        return ONLY_A_PLACEHOLDER.matcher(text).matches();
    }

    /** Replaces every placeholder, for checks of the text around them (a URL's scheme and host). */
    static String withoutPlaceholders(String text, String stand) {
        return PLACEHOLDER.matcher(text).replaceAll(Matcher.quoteReplacement(stand));
    }

    /** What is wrong with the placeholders in one text, a message each; empty when nothing is. */
    List<String> problemsIn(String text) {
        List<String> problems = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        Set<String> known = Set.copyOf(declared);
        while (m.find()) {
            String name = m.group(1);
            if (!known.contains(name) && !BUILT_IN.contains(name)) {
                problems.add(m.group() + " is not declared in parameters ("
                        + (declared.isEmpty() ? "none" : String.join(", ", declared))
                        + ") nor built in (" + String.join(", ", BUILT_IN) + ")");
            }
        }
        if (withoutPlaceholders(text, "").contains("${")) {
            problems.add("\"${\" without a closing \"}\"; write placeholders as ${name}");
        }
        return problems;
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
