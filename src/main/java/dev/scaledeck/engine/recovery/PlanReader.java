package dev.scaledeck.engine.recovery;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one runbook file's top level (id, signals, targets, impact, drill, parameters) and hands
 * its steps to {@link StepReader}; throws with every problem found, or builds the plan. Thread-safe
 * (stateless).
 */
final class PlanReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SIGNAL = Pattern.compile("[a-z_]+");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,6})?");
    private static final Map<String, DrillFault> FAULTS = YamlMap.byName(DrillFault.values(), DrillFault::yaml);

    /**
     * A plan and the line of its id, for problems found when it meets other plans.
     */
    record ParsedPlan(RecoveryPlan plan, int idLine) {
    }

    private PlanReader() {
    }

    static ParsedPlan read(String yaml, String source) throws PlanLoadException {
        Problems problems = new Problems(source);
        Optional<MappingNode> root = YamlDocument.root(yaml, problems);
        if (root.isEmpty()) {
            throw new PlanLoadException(problems.inFileOrder());
        }
        YamlMap m = new YamlMap(root.get(), "", problems, null);
        String id = id(m);
        String name = m.requiredText("name", "a one-line name for people").orElse("");
        String description = m.text("description").orElse("").strip();
        List<String> signals = signals(m);
        Duration rpo = m.requiredDuration("rpo").orElse(Duration.ZERO);
        Duration rto = m.requiredDuration("rto").orElse(Duration.ZERO);
        BusinessImpact impact = m.map("impact").map(PlanReader::impact).orElse(BusinessImpact.none());
        Optional<DrillFault> drill = m.map("drill").flatMap(PlanReader::drill);
        Map<String, String> parameters = m.map("parameters").map(PlanReader::parameters).orElse(Map.of());
        List<PlanStep> steps = steps(m, new Placeholders(parameters.keySet()));
        m.rejectUnknownKeys();
        problems.throwIfAny();
        RecoveryPlan plan = new RecoveryPlan(id, name, description, source, signals, rpo, rto, impact, drill,
                parameters, steps);
        return new ParsedPlan(plan, m.line("id"));
    }

    private static String id(YamlMap m) {
        Optional<String> id = m.requiredText("id", "lower case letters, digits and dashes, e.g. database-down");
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            m.reject("id", id.get(), "is not a plan id; use lower case letters, digits and dashes, "
                    + "starting with a letter or digit, e.g. database-down");
        }
        return id.orElse("");
    }

    private static List<String> signals(YamlMap m) {
        Optional<List<String>> signals = m.textList("signals", "must be a list, e.g. [database_connection_failed]");
        if (!m.has("signals")) {
            m.missing("signals", "at least one signal, e.g. [database_connection_failed]");
        } else if (signals.isPresent() && signals.get().isEmpty()) {
            m.problem("signals", "needs at least one signal, e.g. [database_connection_failed]");
        }
        List<String> names = signals.orElse(List.of());
        for (int i = 0; i < names.size(); i++) {
            if (!SIGNAL.matcher(names.get(i)).matches()) {
                m.problems().add(m.line("signals"), m.pathOf("signals") + "[" + (i + 1) + "]",
                        YamlMap.quote(names.get(i)) + " is not a signal name; use lower case letters and "
                                + "underscores, e.g. database_connection_failed");
            }
        }
        return names;
    }

    private static BusinessImpact impact(YamlMap m) {
        List<String> services = m.textList("services", "must be a list, e.g. [converter API, project editor]")
                .orElse(List.of());
        List<String> userGroups = m.textList("userGroups", "must be a list, e.g. [all signed-in users]")
                .orElse(List.of());
        Optional<String> cost = m.text("costPerHour");
        if (cost.isPresent() && !AMOUNT.matcher(cost.get()).matches()) {
            m.reject("costPerHour", cost.get(), "is not an amount; use a number 0 or more, e.g. 1200 or 99.50");
        }
        double costPerHour = cost.filter(c -> AMOUNT.matcher(c).matches()).map(Double::parseDouble).orElse(0.0);
        Optional<String> currency = m.text("currency");
        if (currency.isPresent() && !CURRENCY.matcher(currency.get()).matches()) {
            m.reject("currency", currency.get(), "is not a currency code; use three capital letters, e.g. EUR");
        }
        Optional<String> usersQuery = m.text("usersQuery");
        if (usersQuery.isPresent() && usersQuery.get().isBlank()) {
            m.problem("usersQuery", "is empty; give an SQL query returning one number, or leave it out");
        }
        m.rejectUnknownKeys();
        return new BusinessImpact(services, userGroups, costPerHour, currency.orElse("EUR"),
                usersQuery.filter(q -> !q.isBlank()));
    }

    private static Optional<DrillFault> drill(YamlMap m) {
        Optional<DrillFault> fault = m.requiredChoice("fault", "a drill fault", FAULTS);
        m.rejectUnknownKeys();
        return fault;
    }

    /** The declared placeholders with their defaults; a null default ({@code name:}) is "" (must be given). */
    private static Map<String, String> parameters(YamlMap m) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : m.entries().entrySet()) {
            String name = entry.getKey();
            Node value = entry.getValue();
            if (Placeholders.BUILT_IN.contains(name)) {
                m.problem(name, "is built in; give the parameter another name");
            } else if (!PARAMETER.matcher(name).matches()) {
                m.reject(name, name, "is not a parameter name; use letters, digits, dashes and underscores");
            }
            if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                parameters.put(name, "");
            } else {
                m.text(value, m.pathOf(name)).ifPresent(text -> parameters.put(name, text));
            }
        }
        return parameters;
    }

    private static List<PlanStep> steps(YamlMap m, Placeholders placeholders) {
        if (!m.has("steps")) {
            m.missing("steps", "at least one step");
            return List.of();
        }
        return m.list("steps").map(list -> {
            if (list.getValue().isEmpty()) {
                m.problem("steps", "needs at least one step");
            }
            return new StepReader(m.problems(), placeholders).readList(list, "steps", false);
        }).orElse(List.of());
    }
}
