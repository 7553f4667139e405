package dev.scaledeck.engine.loadtest;

import java.nio.file.Path;
import java.util.Optional;

/** Where a finished load test's report goes. Implementations are thread-safe. */
@FunctionalInterface
public interface ReportSink {

    /** Writes the report; returns where, or empty when it keeps no files. */
    Optional<Path> write(LoadTestReport report);
}
