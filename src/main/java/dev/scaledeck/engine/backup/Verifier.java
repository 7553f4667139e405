package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a backup twice over: the archive (every part read through and its SHA-256 compared
 * with the manifest), and a trial restore of the intact parts into a scratch database.
 * Every problem becomes one line naming the part or table; nothing escapes as a stack trace.
 * Stateless; thread-safe.
 */
final class Verifier {

    private final BackupRepository repository;
    private final Clock clock;

    Verifier(BackupRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    VerificationResult verify(String backupId, DatabaseUrl server, BackupProgress progress) {
        Path file = repository.existing(backupId);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long start = System.nanoTime();
        progress.update("Reading " + file.getFileName(), 0.0);
        String fileSha256 = fileSha256(file, problems);
        Duration archiveCheck;
        Duration trial = Duration.ZERO;
        try (BackupArchive archive = BackupArchive.open(file)) {
            BackupManifest manifest = archive.manifest();
            if (!manifest.id().equals(backupId)) {
                problems.add("The manifest names backup " + manifest.id() + ", but the file is " + file.getFileName());
            }
            if (!SchemaFingerprint.of(manifest.tables()).equals(manifest.schemaFingerprint())) {
                problems.add("The manifest's schema fingerprint does not match its own table definitions");
            }
            List<TablePart> intact = new ArrayList<>();
            for (TablePart part : manifest.tables()) {
                Optional<String> damage = archive.damage(part);
                damage.ifPresent(problems::add);
                if (damage.isEmpty()) {
                    intact.add(part);
                }
            }
            archiveCheck = Duration.ofNanos(System.nanoTime() - start);
            progress.update("Trial restore of " + intact.size() + " parts into a scratch database", 0.5);
            long trialStart = System.nanoTime();
            new TrialRestore(server, problems, notes).run(archive, intact);
            trial = Duration.ofNanos(System.nanoTime() - trialStart);
        } catch (BackupException e) {
            problems.add(e.getMessage());
            archiveCheck = Duration.ofNanos(System.nanoTime() - start);
        }
        VerificationResult result = new VerificationResult(backupId, problems.isEmpty(), problems, notes, fileSha256,
                clock.instant(), archiveCheck, trial);
        repository.recordVerification(backupId, new VerificationRecord(result.verifiedAt(), result.ok(),
                result.problems(), result.fileSha256()));
        progress.update(result.ok() ? "Backup " + backupId + " verified" : "Backup " + backupId + " has problems", 1.0);
        return result;
    }

    private static String fileSha256(Path file, List<String> problems) {
        MessageDigest sha256 = PartDigest.sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            problems.add("Cannot read " + file + ": " + IoErrors.reason(e));
            return null;
        }
    }
}
