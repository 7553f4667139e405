package dev.scaledeck.engine.recovery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads runbooks from YAML and validates them completely: every problem found is reported with
 * the file, the line and what is wrong, and a plan with any problem is not loaded. Thread-safe
 * (stateless).
 */
public final class PlanLoader {

    private PlanLoader() {
    }

    /**
     * Parses one runbook.
     *
     * @param yaml   the file's text
     * @param source what to call the file in messages and in {@link RecoveryPlan#source()}
     * @throws PlanLoadException with every problem found
     */
    public static RecoveryPlan parse(String yaml, String source) throws PlanLoadException {
        return PlanReader.read(yaml, source).plan();
    }

    /**
     * The shipped runbooks ({@code resources/runbooks/*.yaml}, listed in {@code runbooks/index.txt})
     * and then every {@code *.yaml}/{@code *.yml} in {@code directory} (which may be absent); an
     * operator's plan with the id of a shipped one replaces it.
     */
    public static Loaded loadAll(Path directory) {
        List<PlanProblem> problems = new ArrayList<>();
        Map<String, RecoveryPlan> byId = new LinkedHashMap<>();
        addAll(RunbookTexts.builtIn(problems), byId, problems);
        addAll(RunbookTexts.inDirectory(directory, problems), byId, problems);
        List<RecoveryPlan> plans = new ArrayList<>(byId.values());
        plans.sort(Comparator.comparing(RecoveryPlan::id));
        return new Loaded(plans, problems);
    }

    /** One group of files (shipped, or the operator's): a later plan replaces an earlier group's, not its own. */
    private static void addAll(List<RunbookTexts.RunbookText> texts, Map<String, RecoveryPlan> byId,
                               List<PlanProblem> problems) {
        Map<String, String> sourceById = new HashMap<>();
        for (RunbookTexts.RunbookText text : texts) {
            PlanReader.ParsedPlan parsed;
            try {
                parsed = PlanReader.read(text.yaml(), text.source());
            } catch (PlanLoadException e) {
                problems.addAll(e.problems());
                continue;
            }
            String id = parsed.plan().id();
            String first = sourceById.putIfAbsent(id, text.source());
            if (first != null) {
                problems.add(new PlanProblem(text.source(), parsed.idLine(), "id: " + YamlMap.quote(id)
                        + " is already the id of " + first + "; give each plan its own id"));
            } else {
                byId.put(id, parsed.plan());
            }
        }
    }

    /** The plans that loaded and the problems of the files that did not. */
    public record Loaded(List<RecoveryPlan> plans, List<PlanProblem> problems) {
        public Loaded {
            plans = List.copyOf(plans);
            problems = List.copyOf(problems);
        }
    }
}
