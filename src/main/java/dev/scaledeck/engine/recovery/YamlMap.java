package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.config.Durations;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One YAML mapping of a runbook as it is read: typed values, each wrong one recorded in
 * {@link Problems} with its line and path (and a stand-in returned, so reading goes on). Every key
 * asked for is allowed; {@link #rejectUnknownKeys()} reports the others with that list. Not
 * thread-safe: one per mapping being read.
 */
final class YamlMap {

    private static final int SHOWN_CHARS = 60;

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Placeholders placeholders;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();

    /**
     * @param path         the mapping's field path, empty for the file's top level
     * @param placeholders what {@code ${name}} the mapping's texts may use; null when they are not step texts
     */
    YamlMap(MappingNode node, String path, Problems problems, Placeholders placeholders) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.placeholders = placeholders;
        for (NodeTuple entry : node.getValue()) {
            Node key = entry.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                problems.add(line(key), path, "keys must be plain names, not " + kind(key));
            } else if (entries.containsKey(scalar.getValue())) {
                problems.add(line(key), pathOf(scalar.getValue()), "given twice (first on line "
                        + line(entries.get(scalar.getValue()).getKeyNode()) + ")");
            } else {
                entries.put(scalar.getValue(), entry);
            }
        }
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return node instanceof SequenceNode ? "a list" : "text";
    }

    /** A value as the operator sees it in a message: quoted, on one line, shortened. */
    static String quote(String value) {
        String shown = value.replace("\n", "\\n");
        if (shown.length() > SHOWN_CHARS) {
            shown = shown.substring(0, SHOWN_CHARS - 3) + "...";
        }
        return "\"" + shown + "\"";
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Problems problems() {
        return problems;
    }

    /** The line of the key's value; where the mapping starts when it is absent (0 for the top level). */
    int line(String key) {
        NodeTuple entry = entries.get(key);
        if (entry != null) {
            return line(entry.getValueNode());
        }
        return path.isEmpty() ? 0 : line(node);
    }

    /** The key's value; empty when it is absent or null ({@code key:} with nothing after it). */
    Optional<Node> value(String key) {
        asked.add(key);
        NodeTuple entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Node value = entry.getValueNode();
        boolean isNull = value instanceof ScalarNode && value.getTag().equals(Tag.NULL);
        return isNull ? Optional.empty() : Optional.of(value);
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    Optional<String> text(String key) {
        return value(key).flatMap(v -> text(v, pathOf(key)));
    }

    /** A scalar as text, its placeholders checked when it is a step's text. */
    Optional<String> text(Node value, String valuePath) {
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(line(value), valuePath, "must be text, not " + kind(value));
            return Optional.empty();
        }
        if (placeholders != null) {
            placeholders.problemsIn(scalar.getValue()).forEach(p -> problems.add(line(value), valuePath, p));
        }
        return Optional.of(scalar.getValue());
    }

    /** A text that must be given and not blank; {@code expected} says what it may be. */
    Optional<String> requiredText(String key, String expected) {
        if (!has(key)) {
            missing(key, expected);
            return Optional.empty();
        }
        Optional<String> text = text(key);
        if (text.isPresent() && text.get().isBlank()) {
            missing(key, expected);
            return Optional.empty();
        }
        return text;
    }

    void missing(String key, String expected) {
        problems.add(line(key), pathOf(key), "required; give " + expected);
    }

    /** Reports a bad value of the key: {@code steps[2].to: "many" <why>}. */
    void reject(String key, String value, String why) {
        problems.add(line(key), pathOf(key), quote(value) + " " + why);
    }

    void problem(String key, String message) {
        problems.add(line(key), pathOf(key), message);
    }

    /**
     * One of the allowed names (the map's keys, in the order they are listed in messages).
     *
     * @param what what the value is, for the message: {@code "a drill fault"}
     */
    <T> Optional<T> choice(String key, String what, Map<String, T> allowed) {
        Optional<String> text = text(key);
        if (text.isPresent() && !allowed.containsKey(text.get())) {
            reject(key, text.get(), "is not " + what + "; use " + oneOf(List.copyOf(allowed.keySet())));
            return Optional.empty();
        }
        return text.map(allowed::get);
    }

    <T> Optional<T> requiredChoice(String key, String what, Map<String, T> allowed) {
        if (!has(key)) {
            missing(key, oneOf(List.copyOf(allowed.keySet())));
            return Optional.empty();
        }
        return choice(key, what, allowed);
    }

    /** A duration such as {@code 30s}; longer than zero unless {@code mayBeZero}. */
    Optional<Duration> duration(String key, boolean mayBeZero) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Durations.parse(text.get());
        } catch (IllegalArgumentException e) {
            reject(key, text.get(), "is not a duration; use e.g. 30s, 5m");
            return Optional.empty();
        }
        if (d.isZero() && !mayBeZero) {
            reject(key, text.get(), "must be longer than 0; use e.g. 30s, 5m");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    Optional<Duration> requiredDuration(String key) {
        if (!has(key)) {
            missing(key, "a duration such as 30s, 5m or 2h");
            return Optional.empty();
        }
        return duration(key, false);
    }

    /** A whole number 0 or more. */
    Optional<Integer> wholeNumber(String key) {
        Optional<String> text = text(key);
        if (text.isPresent() && !text.get().matches("\\d{1,9}")) {
            reject(key, text.get(), "is not a whole number 0 or more");
            return Optional.empty();
        }
        return text.map(Integer::parseInt);
    }

    /**
     * A list of texts; {@code notAList} is the message when a single value is given instead.
     * Empty when absent or wrong.
     */
    Optional<List<String>> textList(String key, String notAList) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof SequenceNode list)) {
            problem(key, notAList);
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = pathOf(key) + "[" + (i + 1) + "]";
            Node item = items.get(i);
            if (item instanceof ScalarNode && item.getTag().equals(Tag.NULL)) {
                problems.add(line(item), itemPath, "is empty");
            } else {
                text(item, itemPath).ifPresent(texts::add);
            }
        }
        return texts.size() == items.size() ? Optional.of(texts) : Optional.empty();
    }

    /** A nested mapping; its texts are checked for placeholders as this one's are. */
    Optional<YamlMap> map(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof MappingNode mapping) {
                return Optional.of(new YamlMap(mapping, pathOf(key), problems, placeholders));
            }
            problem(key, "must be a mapping (key: value lines), not " + kind(v));
            return Optional.empty();
        });
    }

    Optional<SequenceNode> list(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof SequenceNode list) {
                return Optional.of(list);
            }
            problem(key, "must be a list, not " + kind(v));
            return Optional.empty();
        });
    }

    /** Every key of the mapping, with its value's node, in file order. */
    Map<String, Node> entries() {
        Map<String, Node> values = new LinkedHashMap<>();
        entries.forEach((k, e) -> values.put(k, e.getValueNode()));
        asked.addAll(entries.keySet());
        return values;
    }

    /** Reports every key that was not asked for, with the keys that were. */
    void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!asked.contains(entry.getKey())) {
                problems.add(line(entry.getValue().getKeyNode()), pathOf(entry.getKey()),
                        "unknown key; allowed here: " + String.join(", ", asked));
            }
        }
    }

    /** Values by their YAML name, in declaration order (the order messages list them in). */
    static <E> Map<String, E> byName(E[] values, Function<E, String> name) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E value : values) {
            names.put(name.apply(value), value);
        }
        return names;
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String oneOf(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
