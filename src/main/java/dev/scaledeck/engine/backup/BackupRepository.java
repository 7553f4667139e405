package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.util.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backups in one directory: each a single file {@code <id>.sdbk} (a zip archive with
 * {@code manifest.json} and one {@code data/<schema>.<table>.copy} entry per table), next
 * to it {@code <id>.sha256} (the file's SHA-256 when written, as {@code sha256sum} writes it)
 * and, once verified, {@code <id>.verify.json}. Files are created owner-only (0600),
 * written under a {@code .partial} name and renamed when complete, so {@link #list()} never
 * shows a backup that is still being written or that failed. Thread-safe: it keeps no state
 * besides its settings, and every file appears by atomic rename.
 */
public final class BackupRepository {

    public static final String EXTENSION = ".sdbk";
    public static final String VERIFICATION_SUFFIX = ".verify.json";
    public static final String CHECKSUM_SUFFIX = ".sha256";
    public static final int DEFAULT_COMPRESSION = 6;

    private static final Logger LOG = LoggerFactory.getLogger(BackupRepository.class);
    private static final int MAX_SUFFIX = 1_000;

    private final Path directory;
    private final int compressionLevel;

    public BackupRepository(Path directory) {
        this(directory, DEFAULT_COMPRESSION);
    }

    /**
     * @param compressionLevel deflate level of new archives: 0 none, 1 fastest, 6 default, 9 smallest
     */
    public BackupRepository(Path directory, int compressionLevel) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel must be between 0 (none) and 9 (smallest), but was "
                    + compressionLevel);
        }
        this.directory = directory.toAbsolutePath();
        this.compressionLevel = compressionLevel;
    }

    public Path directory() {
        return directory;
    }

    public int compressionLevel() {
        return compressionLevel;
    }

    /** The file of a backup (which may not exist). */
    public Path path(String id) {
        if (!BackupIds.valid(id)) {
            throw new IllegalArgumentException("not a backup id: '" + id + "'");
        }
        return directory.resolve(id + EXTENSION);
    }

    private Path verificationPath(String id) {
        return directory.resolve(id + VERIFICATION_SUFFIX);
    }

    private Path checksumPath(String id) {
        return directory.resolve(id + CHECKSUM_SUFFIX);
    }

    /**
     * Every complete backup, newest first (by creation time, then id). Reads only each
     * archive's manifest entry. A file that cannot be read is logged and left out.
     */
    public List<StoredBackup> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<StoredBackup> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(EXTENSION) || !Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    found.add(load(name.substring(0, name.length() - EXTENSION.length()), file));
                } catch (BackupException e) {
                    LOG.warn("Leaving {} out of the backup list: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new BackupException("Cannot list backups in " + directory + ": " + IoErrors.reason(e), e);
        }
        found.sort(Comparator.comparing((StoredBackup b) -> b.manifest().createdAt())
                .thenComparing(StoredBackup::id).reversed());
        return List.copyOf(found);
    }

    public Optional<StoredBackup> find(String id) {
        if (!BackupIds.valid(id)) {
            return Optional.empty();
        }
        Path file = path(id);
        return Files.isRegularFile(file) ? Optional.of(load(id, file)) : Optional.empty();
    }

    private StoredBackup load(String id, Path file) {
        BackupManifest manifest;
        try (BackupArchive archive = BackupArchive.open(file)) {
            manifest = archive.manifest();
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BackupException("Cannot read backup " + file + ": " + IoErrors.reason(e), e);
        }
        return new StoredBackup(manifest, file, size, lastVerification(id));
    }

    /**
     * Deletes a backup and its verification record.
     *
     * @return whether there was a backup of that id
     */
    public boolean delete(String id) {
        Path file = path(id);
        try {
            Files.deleteIfExists(verificationPath(id));
            Files.deleteIfExists(checksumPath(id));
            boolean deleted = Files.deleteIfExists(file);
            PrivateFiles.forceDirectory(directory);
            return deleted;
        } catch (IOException e) {
            throw new BackupException("Cannot delete backup " + file + ": " + IoErrors.reason(e), e);
        }
    }

    /** Opens a backup for reading. */
    public BackupArchive open(String id) {
        return BackupArchive.open(existing(id));
    }

    /** The file of a backup that exists; otherwise a BackupException saying there is none. */
    Path existing(String id) {
        Path file = BackupIds.valid(id) ? path(id) : null;
        if (file == null || !Files.isRegularFile(file)) {
            throw new BackupException("There is no backup " + id + " in " + directory);
        }
        return file;
    }

    /**
     * The SHA-256 of the whole archive as it was written, from {@code <id>.sha256}; empty when
     * that file is missing (an archive copied without it) or unreadable.
     */
    public Optional<String> writtenSha256(String id) {
        Path file = checksumPath(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file).trim();
            int space = text.indexOf(' ');
            return Optional.of(space < 0 ? text : text.substring(0, space));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable checksum file {}: {}", file, IoErrors.reason(e));
            return Optional.empty();
        }
    }

    /** The last recorded verification, or empty when there is none or it cannot be read. */
    public Optional<VerificationRecord> lastVerification(String id) {
        Path file = verificationPath(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(BackupJson.read(in, VerificationRecord.class));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable verification record {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces the verification record of a backup, atomically, owner-only. */
    public void recordVerification(String id, VerificationRecord record) {
        Path file = verificationPath(id);
        try {
            PrivateFiles.write(file, out -> BackupJson.write(record, out));
        } catch (IOException e) {
            throw new BackupException("Cannot write verification record " + file + ": " + IoErrors.reason(e), e);
        }
    }

    /**
     * Starts a new archive for {@code baseId}, or {@code baseId-2}, {@code -3}, ... when that
     * id is taken (by a backup or by one being written).
     */
    ArchiveWriter create(String baseId) {
        Path first = path(baseId);
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new BackupException("Cannot write backup to " + first + ": " + directory
                    + " exists and is not a directory", e);
        } catch (IOException e) {
            throw new BackupException("Cannot write backup to " + first + ": " + IoErrors.reason(e), e);
        }
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            String id = BackupIds.candidate(baseId, n);
            Path target = path(id);
            Path partial = PrivateFiles.partialOf(target);
            if (Files.exists(target)) {
                continue;
            }
            try {
                FileChannel channel = PrivateFiles.createNew(partial);
                return new ArchiveWriter(id, partial, target, checksumPath(id), channel, compressionLevel);
            } catch (FileAlreadyExistsException e) {
                // another backup with the same id is being written right now; try the next suffix
            } catch (IOException e) {
                throw new BackupException("Cannot write backup to " + target + ": " + IoErrors.reason(e), e);
            }
        }
        throw new BackupException("Cannot write backup to " + first + ": ids " + baseId + " to "
                + BackupIds.candidate(baseId, MAX_SUFFIX) + " are all taken");
    }
}
