package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupManifest;
import dev.scaledeck.engine.backup.VerificationRecord;
import dev.scaledeck.engine.util.Sizes;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.ZoneId;
import java.util.Optional;

/**
 * One backup as the table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param id                the backup id
 * @param scope             {@code full} or {@code user 42}
 * @param takenAt           when it was taken, local date and time
 * @param size              the archive's size, e.g. {@code 16.6 kB}
 * @param rows              rows it holds
 * @param verification      {@code verified}, {@code FAILED} or {@code not verified}
 * @param verificationStyle the verification's style class
 * @param copies            second copies present of those configured ({@code 2/2}), or {@link Formats#NONE}
 *                          when none are configured
 * @param copiesStyle       amber when a copy is missing, else null
 */
public record BackupRow(String id, String scope, String takenAt, String size, String rows, String verification,
                        String verificationStyle, String copies, String copiesStyle) {

    static BackupRow of(BackupListing listing, ZoneId zone) {
        BackupManifest m = listing.backup().manifest();
        Optional<VerificationRecord> v = listing.backup().lastVerification();
        String verification = v.isEmpty() ? "not verified" : v.get().ok() ? "verified" : "FAILED";
        String verificationStyle = v.isEmpty() ? StatusStyles.UNKNOWN : v.get().ok() ? StatusStyles.GOOD : StatusStyles.BAD;
        boolean noCopies = listing.repositories() == 0;
        return new BackupRow(listing.id(), m.describe(), BackupTexts.dateTime(m.createdAt(), zone),
                Sizes.human(listing.backup().sizeBytes()), Formats.count(m.totalRows()), verification, verificationStyle,
                noCopies ? Formats.NONE : listing.copies() + "/" + listing.repositories(),
                noCopies || listing.copies() == listing.repositories() ? null : StatusStyles.DEGRADED);
    }
}
