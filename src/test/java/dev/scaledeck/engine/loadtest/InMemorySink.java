package dev.scaledeck.engine.loadtest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the reports it is given; writes no files. */
final class InMemorySink implements ReportSink {

    final List<LoadTestReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Path> write(LoadTestReport report) {
        reports.add(report);
        return Optional.empty();
    }
}
