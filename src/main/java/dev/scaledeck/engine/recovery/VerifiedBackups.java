package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.backup.BackupListing;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The full backups a recovery could rely on, as listed at one moment. Only full backups count: a
 * user backup holds one user's rows, not the data a disaster puts at risk. Only verified ones
 * count too, as in the RPO watch: what matters is what can be restored. Immutable.
 *
 * @param newest          the newest full backup whose last verification passed
 * @param newerUnverified the newest full backup after it that is not verified (never, or failed)
 * @param listingError    why the backups could not be listed; then both are empty
 */
record VerifiedBackups(Optional<BackupListing> newest, Optional<BackupListing> newerUnverified,
                       Optional<String> listingError) {

    VerifiedBackups {
        Objects.requireNonNull(newest, "newest");
        Objects.requireNonNull(newerUnverified, "newerUnverified");
        Objects.requireNonNull(listingError, "listingError");
    }

    /** Lists the backups once; a repository that cannot be read is a listing error, not an exception. */
    static VerifiedBackups of(Supplier<List<BackupListing>> backups) {
        List<BackupListing> full;
        try {
            full = backups.get().stream().filter(l -> l.scopeKey().equals("full"))
                    .sorted(Comparator.comparing(BackupListing::createdAt).reversed()).toList();
        } catch (RuntimeException e) {
            return new VerifiedBackups(Optional.empty(), Optional.empty(), Optional.of(ImpactAssessor.firstLine(e)));
        }
        Optional<BackupListing> newest = full.stream().filter(BackupListing::verified).findFirst();
        Optional<BackupListing> newer = full.stream().findFirst().filter(l -> !l.verified());
        return new VerifiedBackups(newest, newer, Optional.empty());
    }
}
