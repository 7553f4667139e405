package dev.scaledeck.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The last verification of a backup as stored next to it in {@code <id>.verify.json}: a
 * point-in-time record, true for the file whose SHA-256 it names. Immutable.
 *
 * @param verifiedAt when, by the engine clock
 * @param ok         no problems were found
 * @param problems   one line each, naming the part or table
 * @param fileSha256 SHA-256 of the whole {@code .sdbk} file as it was verified; a file that no longer
 *                   matches it has changed since
 */
public record VerificationRecord(Instant verifiedAt, boolean ok, List<String> problems, String fileSha256) {

    public VerificationRecord {
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        problems = List.copyOf(problems);
    }
}
