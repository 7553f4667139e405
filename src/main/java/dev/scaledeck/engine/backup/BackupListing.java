package dev.scaledeck.engine.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * One backup as the window and {@code backup list} show it, as of when it was listed: what it
 * holds, its file, its last verification and how many secondary repositories hold a copy of the
 * same size. Immutable.
 *
 * @param copies       secondary repositories holding a copy of the same size (their checksums
 *                     are compared by {@link BackupCenter#verify})
 * @param repositories secondary repositories configured
 */
public record BackupListing(StoredBackup backup, int copies, int repositories) {

    public String id() {
        return backup.id();
    }

    /** {@code full} or {@code user:42}, the scope retention and the RPO watch use. */
    public String scopeKey() {
        BackupManifest m = backup.manifest();
        return m.scope() == BackupScope.USER ? "user:" + m.userId() : "full";
    }

    public Instant createdAt() {
        return backup.manifest().createdAt();
    }

    /** Verified and found intact the last time it was checked. */
    public boolean verified() {
        return backup.lastVerification().map(VerificationRecord::ok).orElse(false);
    }

    /** "verified 14:05", "FAILED verification", or "not verified". */
    public String verification() {
        Optional<VerificationRecord> v = backup.lastVerification();
        if (v.isEmpty()) {
            return "not verified";
        }
        return v.get().ok() ? "verified" : "FAILED verification";
    }
}
