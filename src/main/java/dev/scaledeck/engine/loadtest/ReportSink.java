package dev.scaledeck.engine.loadtest;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where finished load-test reports go (JSON, CSV timeline and HTML under
 * {@code SCALEDECK_HOME/reports}, say). {@link LoadTester} calls it once per run, on one of its own
 * threads, after the run has ended (completed, stopped, aborted or failed). Implementations must
 * be thread-safe: several runs may end at once.
 */
@FunctionalInterface
public interface ReportSink {

    /**
     * Saves a report.
     *
     * @return the directory the report's files were written to, or empty when nothing was written
     */
    Optional<Path> write(LoadTestReport report);

    /** Keeps nothing: for runs whose report is only read from {@link LoadTestRun#report()}. */
    static ReportSink none() {
        return report -> Optional.empty();
    }
}
