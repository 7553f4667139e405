package dev.scaledeck.engine.loadtest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a finished load test's report into {@code <reportsDirectory>/<report id>/}
 * ({@code SCALEDECK_HOME/reports}): {@value #TIMELINE} (one row per second, see
 * {@link TimelineCsv}), {@value #HTML} (one self-contained page with charts) and, last,
 * {@value #JSON} (everything, see {@link ReportJson}) — so a directory with a
 * {@code report.json} holds a whole report. Each file is written to a temporary name, forced
 * to disk and renamed; the directory gets mode 0700 and the files 0600 where the file system
 * has POSIX permissions, and passwords and tokens in target URLs are masked, since a report
 * can be read long after the run.
 *
 * <p>A report that cannot be written must not crash the run that produced it: an I/O failure
 * (or any other failure while writing) is logged and {@link #write} returns empty; files
 * already written stay. Thread-safe (stateless apart from the directory); two writers of the
 * same report id replace each other's files whole.
 */
public final class ReportWriter implements ReportSink {

    /** The whole report. */
    public static final String JSON = "report.json";
    /** The per-second timeline. */
    public static final String TIMELINE = "timeline.csv";
    /** The page for people. */
    public static final String HTML = "report.html";

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final Path reportsDirectory;

    /** @param reportsDirectory where report directories go, created when missing ({@code SCALEDECK_HOME/reports}) */
    public ReportWriter(Path reportsDirectory) {
        this.reportsDirectory = Objects.requireNonNull(reportsDirectory, "reportsDirectory");
    }

    /**
     * Writes the three files.
     *
     * @return the report's directory, or empty when it could not be written (logged)
     */
    @Override
    public Optional<Path> write(LoadTestReport report) {
        Path directory = reportsDirectory.resolve(directoryName(report.id()));
        try {
            ReportFiles.createPrivateDirectory(directory);
            ReportFiles.writeAtomically(directory.resolve(TIMELINE), TimelineCsv.text(report));
            ReportFiles.writeAtomically(directory.resolve(HTML), HtmlReport.text(report));
            ReportFiles.writeAtomically(directory.resolve(JSON), ReportJson.text(report));
            LOG.info("Load test report {} written to {}", report.id(), directory);
            return Optional.of(directory);
        } catch (IOException e) {
            LOG.warn("Cannot write the report of load test {} to {}: {}", report.id(), directory, describe(e));
        } catch (RuntimeException e) {
            LOG.error("Writing the report of load test {} to {} failed", report.id(), directory, e);
        }
        return Optional.empty();
    }

    /**
     * The directory name for a report id: letters, digits, {@code .}, {@code _} and {@code -}
     * kept, anything else (a {@code /} from a plan name) turned into {@code -}, and never a
     * hidden name, so an id cannot reach outside the reports directory.
     */
    static String directoryName(String id) {
        String safe = UNSAFE.matcher(id).replaceAll("-");
        return safe.isEmpty() || safe.startsWith(".") ? "report-" + safe : safe;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
