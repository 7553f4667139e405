package dev.scaledeck.engine.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of verifying one backup, as of when it ran. Immutable.
 *
 * @param backupId     the backup
 * @param ok           no problems: every part is intact and the trial restore gave back the same rows
 * @param problems     one line each, naming the part or table
 * @param notes        things worth knowing that are not problems (a column type the scratch database
 *                     does not have was checked as text)
 * @param fileSha256   SHA-256 of the whole archive file, or null when it could not be read
 * @param verifiedAt   when, by the engine clock
 * @param archiveCheck time spent reading the archive and checking each part's SHA-256
 * @param trialRestore time spent on the trial restore into a scratch database
 */
public record VerificationResult(String backupId, boolean ok, List<String> problems, List<String> notes,
                                 String fileSha256, Instant verifiedAt, Duration archiveCheck, Duration trialRestore) {

    public VerificationResult {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }
}
