package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a backup twice over: the archive ({@link ArchiveCheck}), and a trial restore of the
 * intact parts into a scratch database ({@link TrialRestore}). Every problem becomes one
 * line naming the part or table; nothing escapes as a stack trace. The outcome is recorded
 * next to the backup. Stateless; thread-safe.
 */
final class Verifier {

    private final BackupRepository repository;
    private final Clock clock;

    Verifier(BackupRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    VerificationResult verify(String backupId, DatabaseUrl server, BackupProgress progress) {
        progress.update("Reading backup " + backupId, 0.0);
        long start = System.nanoTime();
        ArchiveCheck check = ArchiveCheck.run(repository, backupId);
        Duration archiveCheck = Duration.ofNanos(System.nanoTime() - start);
        List<String> problems = new ArrayList<>(check.problems());
        List<String> notes = new ArrayList<>();
        Duration trial = Duration.ZERO;
        if (check.readable()) {
            progress.update("Trial restore of " + check.intact().size() + " parts into a scratch database", 0.5);
            long trialStart = System.nanoTime();
            try (BackupArchive archive = repository.open(backupId)) {
                new TrialRestore(server, problems, notes).run(archive, check.intact());
            }
            trial = Duration.ofNanos(System.nanoTime() - trialStart);
        }
        VerificationResult result = new VerificationResult(backupId, problems.isEmpty(), problems, notes,
                check.fileSha256(), clock.instant(), archiveCheck, trial);
        repository.recordVerification(backupId, new VerificationRecord(result.verifiedAt(), result.ok(),
                result.problems(), result.fileSha256()));
        progress.update(result.ok() ? "Backup " + backupId + " verified" : "Backup " + backupId + " has problems", 1.0);
        return result;
    }
}
