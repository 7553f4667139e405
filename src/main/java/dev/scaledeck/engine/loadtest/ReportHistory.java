package dev.scaledeck.engine.loadtest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The past load tests under {@code SCALEDECK_HOME/reports}, as {@link ReportWriter} left them.
 * Never throws for what it finds: a directory without a {@code report.json} (still being
 * written, or partly removed) or with a damaged one is listed with the reason, and a reports
 * directory that does not exist yet is an empty history. Thread-safe (reads the disk on each
 * call).
 */
public final class ReportHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ReportHistory.class);

    private final Path reportsDirectory;

    /** @param reportsDirectory where {@link ReportWriter} writes ({@code SCALEDECK_HOME/reports}) */
    public ReportHistory(Path reportsDirectory) {
        this.reportsDirectory = Objects.requireNonNull(reportsDirectory, "reportsDirectory");
    }

    /**
     * Every report, newest first (by start time; an unreadable one by its directory's
     * modification time). Hidden entries and plain files are skipped.
     */
    public List<ReportSummary> list() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(reportsDirectory, Files::isDirectory)) {
            for (Path directory : directories) {
                if (!directory.getFileName().toString().startsWith(".")) {
                    ReportSummary summary = read(directory);
                    entries.add(new Entry(summary, summary.started().orElseGet(() -> modified(directory))));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("Cannot list load test reports in {}: {}", reportsDirectory, e.getMessage());
        }
        entries.sort(Comparator.comparing(Entry::when).thenComparing(e -> e.summary().id()).reversed());
        return entries.stream().map(Entry::summary).toList();
    }

    private record Entry(ReportSummary summary, Instant when) {
    }

    /** One report directory; never throws. */
    ReportSummary read(Path directory) {
        Path json = directory.resolve(ReportWriter.JSON);
        if (!Files.isRegularFile(json)) {
            return unreadable(directory, "no " + ReportWriter.JSON + ": the report was not finished or was partly removed");
        }
        try {
            JsonNode root = ReportJson.MAPPER.readTree(json.toFile());
            if (root == null || !root.isObject()) {
                return unreadable(directory, ReportWriter.JSON + " is empty or not a JSON object");
            }
            return summary(directory, root);
        } catch (JacksonException e) {
            return unreadable(directory, ReportWriter.JSON + " is damaged: " + e.getOriginalMessage());
        } catch (IOException e) {
            return unreadable(directory, ReportWriter.JSON + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return unreadable(directory, ReportWriter.JSON + " has a bad value: " + e.getMessage());
        }
    }

    private ReportSummary summary(Path directory, JsonNode root) {
        String id = text(root, "id").orElse(directory.getFileName().toString());
        Optional<Instant> started = text(root, "started").map(Instant::parse);
        Optional<RunState> state = text(root, "state").map(s -> RunState.valueOf(s.toUpperCase(Locale.ROOT)));
        Optional<String> missing = started.isEmpty() ? Optional.of(ReportWriter.JSON + " has no start time")
                : state.isEmpty() ? Optional.of(ReportWriter.JSON + " has no state") : Optional.empty();
        return new ReportSummary(id, directory, text(root, "name").orElse(""),
                text(root.path("plan"), "target").orElse(""), started, text(root, "ended").map(Instant::parse), state,
                text(root, "problem"), root.path("requests").asLong(0), number(root.path("rps")),
                number(root.path("latencyMs").path("p99")), number(root.path("errorRatePercent")),
                missing.isEmpty() && root.path("passed").asBoolean(false), file(directory, ReportWriter.HTML),
                file(directory, ReportWriter.TIMELINE), file(directory, ReportWriter.JSON), missing);
    }

    private static ReportSummary unreadable(Path directory, String why) {
        return new ReportSummary(directory.getFileName().toString(), directory, "", "", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, Double.NaN, Double.NaN, Double.NaN, false,
                file(directory, ReportWriter.HTML), file(directory, ReportWriter.TIMELINE),
                file(directory, ReportWriter.JSON), Optional.of(why));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A JSON number; null (not measured) and anything else read as NaN. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static Optional<Path> file(Path directory, String name) {
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static Instant modified(Path directory) {
        try {
            return Files.getLastModifiedTime(directory).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
