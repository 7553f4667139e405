package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Second copies of backup files ("cross-region"): each file is copied into every secondary
 * repository (a directory: another disk, a mounted remote), and each copy is read back and its
 * SHA-256 compared with the original's, so a copy is only reported good when it is. Copies are
 * written under a temporary name, flushed and renamed, private (0600) like the originals.
 * Thread-safe (each call works on its own files).
 */
public final class SecondaryCopies {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final List<Path> repositories;
    private final EventJournal journal;
    private final Clock clock;

    public SecondaryCopies(List<Path> repositories, EventJournal journal, Clock clock) {
        this.repositories = List.copyOf(repositories);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<Path> repositories() {
        return repositories;
    }

    /**
     * The state of one file's copy in one secondary repository.
     *
     * @param ok      the copy exists and its SHA-256 matches
     * @param problem why not, when not ok
     */
    public record CopyStatus(Path repository, boolean ok, String problem) {
        public String describe() {
            return repository + (ok ? ": verified copy" : ": " + problem);
        }
    }

    /**
     * Copies {@code file} into every secondary repository and verifies each copy against
     * {@code sha256} (hex). A repository that fails gets a status saying why; the others still
     * get their copy.
     */
    public List<CopyStatus> copy(Path file, String sha256) {
        List<CopyStatus> statuses = new ArrayList<>();
        for (Path repository : repositories) {
            Path target = repository.resolve(file.getFileName());
            CopyStatus status;
            try {
                write(file, target);
                status = verifyOne(repository, target, sha256);
            } catch (IOException e) {
                status = new CopyStatus(repository, false, "copy failed: " + e.getMessage());
            }
            statuses.add(status);
            journal.record(new EngineEvent(clock.instant(), "backup", status.ok() ? "copied" : "copy-failed",
                    file.getFileName().toString(), status.describe()));
        }
        return statuses;
    }

    /** Checks the copies of {@code fileName} that should exist, against {@code sha256}: missing and damaged ones are named. */
    public List<CopyStatus> check(String fileName, String sha256) {
        List<CopyStatus> statuses = new ArrayList<>();
        for (Path repository : repositories) {
            CopyStatus status = verifyOne(repository, repository.resolve(fileName), sha256);
            if (!status.ok()) {
                journal.record(new EngineEvent(clock.instant(), "backup", "copy-damaged", fileName, status.describe()));
            }
            statuses.add(status);
        }
        return statuses;
    }

    /** Deletes the copies of {@code fileName}; a copy that is already gone is fine. */
    public void delete(String fileName) throws IOException {
        for (Path repository : repositories) {
            Files.deleteIfExists(repository.resolve(fileName));
        }
    }

    private static CopyStatus verifyOne(Path repository, Path copy, String sha256) {
        if (!Files.isRegularFile(copy)) {
            return new CopyStatus(repository, false, "copy missing (" + copy.getFileName() + ")");
        }
        try {
            String actual = sha256(copy);
            return actual.equalsIgnoreCase(sha256)
                    ? new CopyStatus(repository, true, "")
                    : new CopyStatus(repository, false, "copy damaged: SHA-256 " + actual + ", expected " + sha256);
        } catch (IOException e) {
            return new CopyStatus(repository, false, "copy unreadable: " + e.getMessage());
        }
    }

    /** Copies {@code source} to {@code target} under a temporary name, private (0600) in a private (0700) directory. */
    static void write(Path source, Path target) throws IOException {
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            if (POSIX) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        try {
            PrivateFiles.write(target, out -> Files.copy(source, out));
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The file's SHA-256, hex. */
    static String sha256(Path file) throws IOException {
        return PartDigest.sha256(file);
    }
}
