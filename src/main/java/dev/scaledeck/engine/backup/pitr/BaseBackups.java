package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Base backups of a PostgreSQL cluster whose data directory this process can read (the
 * embedded one), taken through the low-level non-exclusive API while the server runs, and
 * kept as {@code root/<id>/data/} (the copied files with the {@code backup_label} from
 * pg_backup_stop) plus {@code root/<id>/base.json}. A backup is built in
 * {@code root/<id>.partial/} and renamed when complete, so a failed or interrupted one is
 * never listed. Directories are 0700 and files 0600. Thread-safe: backups may be taken
 * concurrently.
 */
public final class BaseBackups {

    static final String CATEGORY = "backup";
    private static final Logger LOG = LoggerFactory.getLogger(BaseBackups.class);
    private static final Pattern ID = Pattern.compile("base-\\d{8}T\\d{6}Z(-\\d+)?");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String PARTIAL = ".partial";
    private static final String DELETING = ".deleting";
    private static final Duration ARCHIVE_WAIT = Duration.ofMinutes(2);

    private final Path root;
    private final Clock clock;
    private final EventJournal journal;
    private final Set<String> issuedIds = new HashSet<>();

    /**
     * @param root    the directory holding the backups, e.g. {@code SCALEDECK_HOME/base-backups};
     *                created on the first backup
     * @param clock   for backup ids and event times
     * @param journal where base-created and base-failed events go
     */
    public BaseBackups(Path root, Clock clock, EventJournal journal) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    public Path root() {
        return root;
    }

    /**
     * Takes a base backup of the running server at {@code live}, whose files are in
     * {@code dataDirectory}: pg_backup_start, copy the files (leaving out what the PostgreSQL
     * manual says to), pg_backup_stop, which waits until the WAL the backup needs is archived.
     *
     * @return the finished backup, listed from now on
     * @throws IOException saying why; nothing is listed then, and the server's backup is ended
     */
    public BaseBackup take(DatabaseUrl live, Path dataDirectory) throws IOException {
        Objects.requireNonNull(live, "live");
        Path source = dataDirectory.toAbsolutePath();
        String id = newId();
        Path partial = root.resolve(id + PARTIAL);
        boolean created = false;
        try (LowLevelBackup backup = LowLevelBackup.start(live, source, "ScaleDeck " + id)) {
            PrivateFiles.createDirectories(root);
            PrivateFiles.createDirectory(partial);
            created = true;
            Path data = partial.resolve(BaseBackupManifest.DATA);
            long size = new DataDirectoryCopy(BaseBackupExclusions.INSTANCE, true, null).copy(source, data);
            PrivateFiles.createDirectories(data.resolve("pg_wal").resolve("archive_status"));
            LowLevelBackup.Stopped stopped = backup.stop(ARCHIVE_WAIT);
            size += PrivateFiles.write(data.resolve("backup_label"), stopped.labelFile());
            if (stopped.tablespaceMap() != null && !stopped.tablespaceMap().isEmpty()) {
                size += PrivateFiles.write(data.resolve("tablespace_map"), stopped.tablespaceMap());
            }
            BaseBackup result = new BaseBackup(id, backup.startTime(), stopped.time(), backup.startLsn(), stopped.lsn(),
                    stopped.timeline(), live.masked(), size, root.resolve(id));
            BaseBackupManifest.write(result, partial);
            PrivateFiles.moveAtomically(partial, result.directory());
            DiskSync.force(List.of(result.directory(), root));
            record("base-created", id, "Base backup " + id + " of " + live.masked() + ": " + megabytes(size)
                    + ", WAL " + result.startLsn() + " to " + result.stopLsn() + " on timeline " + result.timeline());
            LOG.info("Base backup {} of {} written to {}", id, live.masked(), result.directory());
            return result;
        } catch (IOException | SQLException | RuntimeException e) {
            if (created) {
                PrivateFiles.deleteTreeQuietly(partial, "the unfinished base backup");
            }
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            record("base-failed", id, "Base backup " + id + " of " + live.masked() + " failed: " + reason);
            throw new IOException("Base backup of " + live.masked() + " into " + root + " failed: " + reason, e);
        }
    }

    /** The finished backups, newest first; a directory without a readable base.json is passed over. */
    public List<BaseBackup> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<BaseBackup> backups = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : (Iterable<Path>) children::iterator) {
                if (!ID.matcher(dir.getFileName().toString()).matches() || !Files.isDirectory(dir)) {
                    continue;
                }
                try {
                    backups.add(BaseBackupManifest.read(dir));
                } catch (IOException e) {
                    LOG.warn("Passing over {}: {}", dir, e.getMessage());
                }
            }
        }
        backups.sort(Comparator.comparing(BaseBackup::stopTime).thenComparing(BaseBackup::id).reversed());
        return List.copyOf(backups);
    }

    /**
     * Deletes a backup: renamed first, so a half-deleted one is never listed.
     *
     * @throws NoSuchFileException when there is no backup {@code id}
     */
    public void delete(String id) throws IOException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must look like base-20250102T140500Z, but was " + id);
        }
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no base backup " + id + " in " + root);
        }
        Path doomed = root.resolve(id + DELETING);
        PrivateFiles.moveAtomically(dir, doomed);
        PrivateFiles.deleteTree(doomed);
        record("base-deleted", id, "Base backup " + id + " deleted");
    }

    /** {@code base-<UTC time>}, with a suffix when that second already has a backup. */
    private synchronized String newId() {
        String base = "base-" + ID_TIME.format(clock.instant());
        String id = base;
        for (int n = 2; issuedIds.contains(id) || Files.exists(root.resolve(id)) || Files.exists(root.resolve(id + PARTIAL)); n++) {
            id = base + "-" + n;
        }
        issuedIds.add(id);
        return id;
    }

    private void record(String type, String subject, String message) {
        journal.record(new EngineEvent(clock.instant(), CATEGORY, type, subject, message));
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
