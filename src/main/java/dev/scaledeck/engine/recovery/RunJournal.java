package dev.scaledeck.engine.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs' journal: one private JSON file per run in {@code HOME/recovery/runs}, rewritten
 * atomically after every step, with the process id, so a run a crash cut short reads back as
 * INTERRUPTED with the steps it had done. Thread-safe (each run writes its own file).
 */
final class RunJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    RunJournal(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    void write(RunbookProgress run) {
        try {
            if (!Files.isDirectory(directory)) {
                if (POSIX) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(directory);
                }
            }
            ObjectNode n = RunJson.toJson(run);
            n.put("pid", ProcessHandle.current().pid());
            Path target = directory.resolve(run.runId() + ".json");
            Path partial = directory.resolve(run.runId() + ".json.partial");
            Files.writeString(partial, RunJson.MAPPER.writeValueAsString(n), StandardCharsets.UTF_8);
            if (POSIX) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The run goes on: its progress is still in memory and in the event journal.
            LOG.warn("Cannot journal recovery run {} in {}: {}", run.runId(), directory, e.toString());
        }
    }

    /** Whether a file for this run id exists already. */
    boolean exists(String runId) {
        return Files.exists(directory.resolve(runId + ".json"));
    }

    /**
     * Every journaled run, newest first. A run still RUNNING whose process is gone is returned as
     * INTERRUPTED (its running step too). Unreadable files are logged and left out.
     */
    List<RunbookProgress> readAll() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<RunbookProgress> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
                try {
                    JsonNode n = RunJson.MAPPER.readTree(f.toFile());
                    RunbookProgress run = RunJson.read(n);
                    long pid = n.path("pid").asLong(-1);
                    if (run.state() == RunState.RUNNING && !alive(pid)) {
                        run = interrupted(run, f);
                    }
                    runs.add(run);
                } catch (IOException e) {
                    LOG.warn("Leaving {} out of the recovery history: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the recovery runs in {}: {}", directory, e.toString());
        }
        runs.sort(Comparator.comparing(RunbookProgress::started).thenComparing(RunbookProgress::runId).reversed());
        return runs;
    }

    private static boolean alive(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        Optional<ProcessHandle> p = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        return p.map(ProcessHandle::isAlive).orElse(false);
    }

    private static RunbookProgress interrupted(RunbookProgress run, Path file) {
        long done = run.steps().stream().filter(s -> s.state() == StepState.SUCCEEDED).count();
        List<StepProgress> steps = run.steps().stream().map(s -> s.state() == StepState.RUNNING
                || s.state() == StepState.AWAITING_APPROVAL
                ? new StepProgress(s.index(), s.name(), s.type(), s.description(), s.compensation(), StepState.INTERRUPTED,
                        s.started(), s.finished(), s.attempts(), s.output())
                : s).toList();
        Optional<Instant> last;
        try {
            last = Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            last = Optional.empty();
        }
        return new RunbookProgress(run.runId(), run.planId(), run.planName(), run.mode(), run.parameters(),
                RunState.INTERRUPTED, run.started(), last, steps, "interrupted: the process running it ended after "
                + done + " of " + run.steps().size() + " step(s) succeeded; check the state of the system before running it again",
                run.measured(), run.who());
    }
}
