package dev.scaledeck.engine.recovery;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a plan's steps (and their compensating steps) with the fields every step has; the
 * type-specific ones are {@link ActionReader}'s. Not thread-safe: one per file being read.
 */
final class StepReader {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Map<String, OnFailure> ON_FAILURE = YamlMap.byName(OnFailure.values(), OnFailure::yaml);

    private final Problems problems;
    private final Placeholders placeholders;

    StepReader(Problems problems, Placeholders placeholders) {
        this.problems = problems;
        this.placeholders = placeholders;
    }

    /** How long one attempt of a step of this type may take when the step does not say. */
    static Duration defaultTimeout(String type) {
        return switch (type) {
            case "wait", "start-database" -> Duration.ofMinutes(2);
            case "restore-backup" -> Duration.ofMinutes(30);
            default -> DEFAULT_TIMEOUT;
        };
    }

    /**
     * @param path         the list's path, e.g. {@code steps}; steps are counted from 1
     * @param compensating whether these are compensating steps (which cannot have their own)
     */
    List<PlanStep> readList(SequenceNode list, String path, boolean compensating) {
        List<PlanStep> steps = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            readStep(items.get(i), path + "[" + (i + 1) + "]", compensating).ifPresent(steps::add);
        }
        return steps;
    }

    private Optional<PlanStep> readStep(Node node, String path, boolean compensating) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(YamlMap.line(node), path, "must be a step (name:, type: and the type's fields), not "
                    + YamlMap.kind(node));
            return Optional.empty();
        }
        YamlMap m = new YamlMap(mapping, path, problems, placeholders);
        Optional<String> name = m.requiredText("name", "what the step is for");
        Optional<String> type = m.requiredText("type", YamlMap.oneOf(ActionReader.TYPES));
        boolean knownType = type.isPresent() && ActionReader.TYPES.contains(type.get());
        if (type.isPresent() && !knownType) {
            m.reject("type", type.get(), "is not a step type; use " + YamlMap.oneOf(ActionReader.TYPES));
        }
        StepAction action = knownType ? ActionReader.read(type.get(), m) : null;
        Duration timeout = m.duration("timeout", false).orElse(defaultTimeout(type.orElse("")));
        int retries = m.wholeNumber("retries").orElse(0);
        Duration retryDelay = m.duration("retryDelay", true).orElse(DEFAULT_RETRY_DELAY);
        Optional<OnFailure> onFailure = m.choice("onFailure", "a failure action", ON_FAILURE);
        boolean onFailureGiven = m.has("onFailure");
        List<PlanStep> compensation = onFailureGiven && onFailure.isEmpty()
                ? List.of() : compensation(m, onFailure.orElse(OnFailure.ABORT), compensating);
        if (knownType) {
            // With an unknown type every field of the intended type would be reported too.
            m.rejectUnknownKeys();
        }
        if (name.isEmpty() || action == null) {
            return Optional.empty();
        }
        return Optional.of(new PlanStep(name.get(), action, timeout, retries, retryDelay,
                onFailure.orElse(OnFailure.ABORT), compensation, YamlMap.line(node)));
    }

    private List<PlanStep> compensation(YamlMap m, OnFailure onFailure, boolean compensating) {
        boolean given = m.has("compensate");
        if (compensating) {
            if (given) {
                m.problem("compensate", "compensating steps cannot have compensating steps of their own");
            }
            if (onFailure == OnFailure.COMPENSATE) {
                m.reject("onFailure", "compensate", "is not allowed in a compensating step; use abort or continue");
            }
            return List.of();
        }
        if (onFailure != OnFailure.COMPENSATE) {
            if (given) {
                m.problem("compensate", "only allowed with onFailure: compensate (here onFailure is "
                        + onFailure.yaml() + ")");
            }
            return List.of();
        }
        if (!given) {
            m.missing("compensate", "the steps to run when this one fails (required with onFailure: compensate)");
            return List.of();
        }
        return m.list("compensate").map(list -> {
            if (list.getValue().isEmpty()) {
                m.problem("compensate", "needs at least one step (required with onFailure: compensate)");
            }
            return readList(list, m.pathOf("compensate"), true);
        }).orElse(List.of());
    }
}
