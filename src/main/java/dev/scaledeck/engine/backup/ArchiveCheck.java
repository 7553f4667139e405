package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.util.IoErrors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The half of a verification that needs no database: the whole file hashed and compared with
 * the SHA-256 taken when it was written, the manifest's own consistency, and every entry read
 * through and compared with the manifest (SHA-256) and the zip directory (CRC-32). Every
 * problem is one line naming what is damaged. Immutable once run.
 */
final class ArchiveCheck {

    private final List<String> problems = new ArrayList<>();
    private final List<TablePart> intact = new ArrayList<>();
    private String fileSha256;
    private boolean readable;

    private ArchiveCheck() {
    }

    static ArchiveCheck run(BackupRepository repository, String backupId) {
        ArchiveCheck check = new ArchiveCheck();
        Path file = repository.existing(backupId);
        check.fileSha256 = fileSha256(file, check.problems);
        try (BackupArchive archive = BackupArchive.open(file)) {
            check.readable = true;
            check.checkEntries(archive, backupId);
        } catch (BackupException e) {
            check.problems.add(e.getMessage());
        }
        check.fileChanged(repository, backupId).ifPresent(check.problems::add);
        return check;
    }

    private void checkEntries(BackupArchive archive, String backupId) {
        BackupManifest manifest = archive.manifest();
        if (!manifest.id().equals(backupId)) {
            problems.add("The manifest names backup " + manifest.id() + ", but the file is " + archive.path().getFileName());
        }
        if (!SchemaFingerprint.of(manifest.tables()).equals(manifest.schemaFingerprint())) {
            problems.add("The manifest's schema fingerprint does not match its own table definitions");
        }
        archive.manifestDamage().ifPresent(problems::add);
        for (TablePart part : manifest.tables()) {
            Optional<String> damage = archive.damage(part);
            damage.ifPresent(problems::add);
            if (damage.isEmpty()) {
                intact.add(part);
            }
        }
    }

    /**
     * Archives never change once written, so a file whose SHA-256 differs from the one taken
     * when it was written (or, for an archive copied without its {@code .sha256}, at its last
     * verification) has been damaged: this catches a flipped byte even where the zip format
     * has no checksum, such as a timestamp in a header.
     */
    private Optional<String> fileChanged(BackupRepository repository, String backupId) {
        if (fileSha256 == null) {
            return Optional.empty();
        }
        String where = problems.isEmpty() ? "; every part and the manifest read back intact, so the damage is in the "
                + "zip headers" : "";
        Optional<String> written = repository.writtenSha256(backupId);
        if (written.isPresent()) {
            return written.filter(sha -> !sha.equals(fileSha256)).map(sha -> "The file's SHA-256 is " + fileSha256
                    + ", not " + sha + " as when it was written" + where);
        }
        return repository.lastVerification(backupId)
                .filter(last -> last.fileSha256() != null && !last.fileSha256().equals(fileSha256))
                .map(last -> "The file has changed since it was verified at " + last.verifiedAt() + ": its SHA-256 was "
                        + last.fileSha256() + ", now " + fileSha256 + where);
    }

    private static String fileSha256(Path file, List<String> problems) {
        try {
            return PartDigest.sha256(file);
        } catch (IOException e) {
            problems.add("Cannot read " + file + ": " + IoErrors.reason(e));
            return null;
        }
    }

    /** One line per problem found; empty when the archive is intact. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The parts found intact, which a trial restore can use. */
    List<TablePart> intact() {
        return List.copyOf(intact);
    }

    /** Whether the archive could be opened and its manifest read at all. */
    boolean readable() {
        return readable;
    }

    /** SHA-256 of the whole file, or null when it could not be read. */
    String fileSha256() {
        return fileSha256;
    }
}
