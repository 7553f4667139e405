package dev.scaledeck.engine.loadtest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One past load test as the history lists it, read from its {@code report.json}. Immutable.
 * A directory whose report cannot be read is listed too, with {@link #unreadable()} saying why
 * and the figures unknown (0, NaN, empty), so the operator sees it and can remove it.
 *
 * @param id                the report id (the directory name when the report cannot be read)
 * @param directory         the report's directory
 * @param name              the plan's name; empty when unknown
 * @param target            the target, passwords masked; empty when unknown
 * @param started           when it started
 * @param ended             when it ended
 * @param state             how it ended
 * @param runProblem        why the run failed or was aborted
 * @param requests          requests completed
 * @param requestsPerSecond over the run; NaN when unknown
 * @param p99Ms             latency p99 over the run, milliseconds; NaN when unknown
 * @param errorRatePercent  failed requests in percent; NaN when unknown
 * @param passed            whether every threshold held; false when unknown
 * @param html              the HTML page, when the file exists
 * @param csv               the CSV timeline, when the file exists
 * @param json              the JSON report, when the file exists
 * @param unreadable        why the report could not be read (missing or damaged {@code report.json})
 */
public record ReportSummary(String id, Path directory, String name, String target, Optional<Instant> started,
                            Optional<Instant> ended, Optional<RunState> state, Optional<String> runProblem,
                            long requests, double requestsPerSecond, double p99Ms, double errorRatePercent,
                            boolean passed, Optional<Path> html, Optional<Path> csv, Optional<Path> json,
                            Optional<String> unreadable) {

    /** Whether the report was read whole. */
    public boolean readable() {
        return unreadable.isEmpty();
    }
}
