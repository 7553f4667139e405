package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.util.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Restores the primary backup repository from its secondary copies: for every backup file a
 * secondary holds and the primary lacks (or holds with another size, or damaged), the first copy
 * whose archive checks out is copied in. Not thread-safe; one repair at a time.
 */
final class RepositoryRepair {

    private final BackupService service;
    private final List<Path> copies;
    private final EventJournal journal;
    private final Clock clock;

    RepositoryRepair(BackupService service, List<Path> copies, EventJournal journal, Clock clock) {
        this.service = service;
        this.copies = List.copyOf(copies);
        this.journal = journal;
        this.clock = clock;
    }

    List<String> run(BackupProgress progress, Function<String, VerificationResult> verify) {
        if (copies.isEmpty()) {
            throw new BackupException("No secondary backup repository is configured (backup.copies): "
                    + "there is no copy to restore " + service.repository().directory() + " from");
        }
        Map<String, List<Path>> candidates = candidates();
        List<String> lines = new ArrayList<>();
        List<String> restored = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<Path>> e : candidates.entrySet()) {
            progress.update("Restoring " + e.getKey() + " from a secondary copy", 0.8 * done++ / Math.max(1, candidates.size()));
            Optional<String> ok = restoreOne(e.getKey(), e.getValue(), lines);
            ok.ifPresent(restored::add);
        }
        int missing = candidates.size() - restored.size();
        lines.add(restored.size() + " of " + candidates.size() + " backup(s) the primary repository lacked restored from "
                + "the secondary copies" + (missing > 0 ? "; " + missing + " could not be restored" : ""));
        if (candidates.isEmpty()) {
            lines.add("the primary repository " + service.repository().directory() + " already holds every backup "
                    + "the secondary repositories have");
            return lines;
        }
        if (restored.isEmpty()) {
            throw new BackupException("No backup could be restored from the secondary copies: " + String.join("; ", lines));
        }
        String newest = service.repository().list().get(0).id();
        VerificationResult v = verify.apply(newest);
        lines.add("newest backup " + newest + (v.ok() ? " verified (checksums and a trial restore)"
                : " failed verification: " + String.join("; ", v.problems())));
        if (!v.ok()) {
            throw new BackupException("The newest backup restored from a copy, " + newest + ", failed verification: "
                    + String.join("; ", v.problems()));
        }
        return lines;
    }

    /** File name -> the secondary copies holding it, for each backup the primary lacks or holds with another size. */
    private Map<String, List<Path>> candidates() {
        Path primary = service.repository().directory();
        Map<String, List<Path>> found = new LinkedHashMap<>();
        for (Path repository : copies) {
            if (!Files.isDirectory(repository)) {
                continue;
            }
            try (Stream<Path> files = Files.list(repository)) {
                files.filter(f -> f.getFileName().toString().endsWith(BackupRepository.EXTENSION))
                        .sorted(Comparator.comparing(Path::getFileName))
                        .filter(f -> !sameSize(f, primary.resolve(f.getFileName())))
                        .forEach(f -> found.computeIfAbsent(f.getFileName().toString(), k -> new ArrayList<>()).add(f));
            } catch (IOException e) {
                throw new BackupException("Cannot list the secondary repository " + repository + ": "
                        + IoErrors.reason(e), e);
            }
        }
        return found;
    }

    private Optional<String> restoreOne(String fileName, List<Path> sources, List<String> lines) {
        String id = fileName.substring(0, fileName.length() - BackupRepository.EXTENSION.length());
        Path target = service.repository().directory().resolve(fileName);
        for (Path source : sources) {
            try {
                SecondaryCopies.write(source, target);
                service.requireIntact(id, BackupProgress.NONE);
                lines.add(id + ": restored from " + source.getParent() + " (archive checked)");
                journal.record(new EngineEvent(clock.instant(), "backup", "restored-from-copy", id,
                        "Backup " + id + " restored into the primary repository from " + source.getParent()));
                return Optional.of(id);
            } catch (IOException | BackupException e) {
                PrivateFiles.deleteQuietly(target);
                lines.add(id + ": the copy in " + source.getParent() + " is not usable ("
                        + (e instanceof IOException io ? IoErrors.reason(io) : e.getMessage()) + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean sameSize(Path a, Path b) {
        try {
            return Files.isRegularFile(b) && Files.size(a) == Files.size(b);
        } catch (IOException e) {
            return false;
        }
    }
}
