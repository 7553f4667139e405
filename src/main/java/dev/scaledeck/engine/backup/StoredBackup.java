package dev.scaledeck.engine.backup;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup in the repository as it was when listed. Immutable.
 *
 * @param manifest         what it holds
 * @param path             the {@code .sdbk} file
 * @param sizeBytes        the file's size
 * @param lastVerification the last recorded verification, if any
 */
public record StoredBackup(BackupManifest manifest, Path path, long sizeBytes,
                           Optional<VerificationRecord> lastVerification) {

    public StoredBackup {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lastVerification, "lastVerification");
    }

    public String id() {
        return manifest.id();
    }
}
