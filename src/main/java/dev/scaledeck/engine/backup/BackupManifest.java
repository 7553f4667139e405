package dev.scaledeck.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a backup holds, as it was at one point in time: the snapshot the backup was read
 * from, and every table part with the checksums that prove it intact. Stored as
 * {@code manifest.json} in the archive. Immutable.
 *
 * @param formatVersion     archive format; this code writes {@value #FORMAT_VERSION}
 * @param id                the backup id, also the archive's file name without {@code .sdbk}
 * @param scope             one user's rows or every table
 * @param userId            the user, for {@link BackupScope#USER}; null for a full backup
 * @param createdAt         when the backup was taken, by the engine clock
 * @param source            the database it was read from, password masked
 * @param serverVersion     the server's {@code server_version}
 * @param walPosition       {@code pg_current_wal_lsn()} inside the snapshot, or null when the server
 *                          cannot say (a standby)
 * @param schemaFingerprint SHA-256 over the sorted {@code schema.table.column type} lines of the tables
 * @param tables            the parts, parents before children (the order a restore loads them)
 */
public record BackupManifest(int formatVersion, String id, BackupScope scope, Long userId, Instant createdAt,
                             String source, String serverVersion, String walPosition, String schemaFingerprint,
                             List<TablePart> tables) {

    public static final int FORMAT_VERSION = 1;

    public BackupManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(schemaFingerprint, "schemaFingerprint");
        if ((scope == BackupScope.USER) != (userId != null)) {
            throw new IllegalArgumentException("userId must be set for a USER backup and only then, but was "
                    + userId + " for " + scope);
        }
        tables = List.copyOf(tables);
    }

    public long totalRows() {
        return tables.stream().mapToLong(TablePart::rows).sum();
    }

    public long uncompressedBytes() {
        return tables.stream().mapToLong(TablePart::bytes).sum();
    }

    /** "user 42" or "full", for messages. */
    public String describe() {
        return scope == BackupScope.USER ? "user " + userId : "full";
    }
}
