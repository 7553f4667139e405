package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.util.IoErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where runbook texts come from: the shipped ones on the class path and the operator's directory.
 * A text that cannot be read becomes a {@link PlanProblem}. Thread-safe (stateless).
 */
final class RunbookTexts {

    /** The class-path folder of the shipped runbooks, with {@code index.txt} listing them. */
    static final String BUILT_IN_FOLDER = "/runbooks/";

    /** One runbook file's text and what to call it in messages. */
    record RunbookText(String source, String yaml) {
    }

    private RunbookTexts() {
    }

    /** The shipped runbooks listed in {@code runbooks/index.txt}, in its order; sources {@code built-in:<file>}. */
    static List<RunbookText> builtIn(List<PlanProblem> problems) {
        List<RunbookText> texts = new ArrayList<>();
        String index = resource("index.txt");
        if (index == null) {
            problems.add(new PlanProblem("built-in:index.txt", 0, "missing from the application; "
                    + "no shipped runbook was loaded"));
            return texts;
        }
        for (String line : index.split("\\R")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            String yaml = resource(file);
            if (yaml == null) {
                problems.add(new PlanProblem("built-in:" + file, 0, "listed in runbooks/index.txt but missing "
                        + "from the application"));
            } else {
                texts.add(new RunbookText("built-in:" + file, yaml));
            }
        }
        return texts;
    }

    private static String resource(String file) {
        try (InputStream in = RunbookTexts.class.getResourceAsStream(BUILT_IN_FOLDER + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped runbook " + file, e);
        }
    }

    /**
     * Every {@code *.yaml} / {@code *.yml} in the directory, by file name; none when it does not
     * exist. Sources are the files' paths.
     */
    static List<RunbookText> inDirectory(Path directory, List<PlanProblem> problems) {
        List<RunbookText> texts = new ArrayList<>();
        if (!Files.exists(directory)) {
            return texts;
        }
        if (!Files.isDirectory(directory)) {
            problems.add(new PlanProblem(directory.toString(), 0, "is not a directory; your runbooks go in a "
                    + "directory, one *.yaml file each"));
            return texts;
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(RunbookTexts::isRunbookName)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(new PlanProblem(directory.toString(), 0, "cannot list the runbooks: " + IoErrors.reason(e)));
            return texts;
        }
        for (Path file : files) {
            try {
                texts.add(new RunbookText(file.toString(), Files.readString(file)));
            } catch (IOException e) {
                problems.add(new PlanProblem(file.toString(), 0, "cannot be read: " + IoErrors.reason(e)));
            }
        }
        return texts;
    }

    private static boolean isRunbookName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
