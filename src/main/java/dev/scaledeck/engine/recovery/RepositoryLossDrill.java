package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupProgress;
import dev.scaledeck.engine.backup.BackupRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * backup-repository-lost: the primary backup repository is moved aside (a sibling
 * {@code <dir>.drill-<time>}), as a lost disk would leave it. The RPO is how much older the
 * newest backup the plan brought back is than the newest before the loss. The cleanup copies
 * back whatever the plan did not, and deletes the moved-aside directory only once every file
 * in it is back, so nothing is lost. Not thread-safe: one run thread uses it.
 */
final class RepositoryLossDrill implements FaultDrill {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ScalingEngine engine;
    private final Path directory;
    private BackupListing newestBefore;
    private Path aside;

    RepositoryLossDrill(ScalingEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.directory = engine.backups().repository().directory();
    }

    @Override
    public String describe() {
        return "Moves the primary backup repository " + directory + " aside, as a lost disk would leave it; the plan "
                + "brings the backups back from " + engine.backups().config().copies();
    }

    @Override
    public void prepare() throws Exception {
        BackupCenter backups = engine.backups();
        if (backups.list().stream().noneMatch(l -> l.copies() > 0)) {
            backups.createFullBackup(BackupProgress.NONE);
        }
        List<BackupListing> listed = backups.list();
        if (listed.stream().noneMatch(l -> l.copies() > 0)) {
            throw new IllegalStateException("no backup in the secondary repository " + backups.config().copies()
                    + ": the full backup taken for the drill could not be copied there");
        }
        newestBefore = listed.get(0);
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public Instant inject() throws Exception {
        Instant now = engine.clock().instant();
        Path target = directory.resolveSibling(directory.getFileName() + ".drill-" + STAMP.format(now));
        Files.move(directory, target, StandardCopyOption.ATOMIC_MOVE);
        aside = target;
        return now;
    }

    @Override
    public Rpo measureRpo() throws Exception {
        List<BackupListing> now = engine.backups().list();
        if (now.isEmpty()) {
            throw new IllegalStateException("no backup came back into " + directory);
        }
        BackupListing newest = now.get(0);
        String files = backFromAside();
        if (!newest.createdAt().isBefore(newestBefore.createdAt())) {
            return new Rpo(Duration.ZERO, "the newest backup before the loss (" + newestBefore.id() + ") is back in "
                    + directory + "; " + files);
        }
        return new Rpo(Duration.between(newest.createdAt(), newestBefore.createdAt()), "the newest backup back in "
                + directory + " is " + newest.id() + " (" + DrillTimes.format(newest.createdAt()) + "), older than "
                + newestBefore.id() + " (" + DrillTimes.format(newestBefore.createdAt()) + "); " + files);
    }

    /** How many backup files of the moved-aside repository are in the primary again, with the same size. */
    private String backFromAside() throws IOException {
        Map<Path, Long> archives = BackupFiles.sizes(aside);
        archives.keySet().removeIf(p -> p.getNameCount() != 1 || !p.toString().endsWith(BackupRepository.EXTENSION));
        int back = archives.size() - BackupFiles.missingOrDifferent(archives, directory).size();
        return back + " of the " + archives.size() + " backup files (" + BackupRepository.EXTENSION
                + ") in the repository before the loss came back";
    }

    @Override
    public List<String> cleanup() {
        List<String> done = new ArrayList<>();
        if (aside == null || !Files.isDirectory(aside)) {
            done.add("the backup repository was not moved; nothing to put back");
            return done;
        }
        try {
            if (!Files.exists(directory)) {
                Files.move(aside, directory, StandardCopyOption.ATOMIC_MOVE);
                done.add("moved " + aside + " back to " + directory + " (the plan brought nothing back)");
                return done;
            }
            int copied = BackupFiles.copyMissing(aside, directory);
            if (copied > 0) {
                done.add("copied " + copied + " file(s) the plan did not bring back from " + aside + " to " + directory);
            }
            List<Path> differ = BackupFiles.missingOrDifferent(BackupFiles.sizes(aside), directory);
            if (differ.isEmpty()) {
                BackupFiles.deleteTree(aside);
                done.add("deleted " + aside + ": every file in it is in " + directory);
            } else {
                done.add("kept " + aside + ": " + differ.size() + " file(s) in it differ in size from those in "
                        + directory + " (" + differ.get(0) + (differ.size() > 1 ? ", ..." : "")
                        + "); compare them and delete it by hand");
            }
        } catch (Exception e) {
            done.add("could not put the backup repository back: " + e.getMessage() + "; the moved-aside copy is "
                    + aside);
        }
        return done;
    }
}
