package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.util.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logical backups of the application database: one user's rows or every table, taken as
 * one consistent snapshot into a single archive file; previews and restores of them, into
 * the same database or another; and verification by checksum and trial restore. Every
 * operation opens its own connection straight from the driver (never the application's
 * pool) and journals what it did. Owns no resources between calls. Thread-safe: operations
 * may run concurrently, each in its own transaction.
 */
public final class BackupService {

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final String CATEGORY = "backup";
    private static final int LOCK_TIMEOUT_SECONDS = 30;
    /** Part of a restore's progress bar for reading the archive through before loading it. */

    private final Supplier<DatabaseUrl> database;
    private final BackupRepository repository;
    private final Clock clock;
    private final EventJournal journal;
    private final OwnershipRules rules;

    public BackupService(Supplier<DatabaseUrl> database, BackupRepository repository, Clock clock,
                         EventJournal journal) {
        this(database, repository, clock, journal, OwnershipRules.defaults());
    }

    /**
     * @param database where backups are read from and restored to by default (asked on every
     *                 call, so a failover to another database is followed)
     * @param rules    how a user's rows are found
     */
    public BackupService(Supplier<DatabaseUrl> database, BackupRepository repository, Clock clock,
                         EventJournal journal, OwnershipRules rules) {
        this.database = Objects.requireNonNull(database, "database");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public BackupRepository repository() {
        return repository;
    }

    public OwnershipRules ownershipRules() {
        return rules;
    }

    /** Which tables and rows make up a user's data in the database now. */
    public Ownership ownership() {
        DatabaseUrl db = database.get();
        try (Connection c = BackupConnections.open(db)) {
            return Ownership.discover(c, rules);
        } catch (SQLException e) {
            throw new BackupException("Cannot read the catalog of " + db.masked() + ": "
                    + BackupArchive.firstLine(e.getMessage()), e);
        }
    }

    public BackupManifest createUserBackup(long userId) {
        return createUserBackup(userId, BackupProgress.NONE);
    }

    /**
     * Backs up the rows that belong to one user, as one snapshot.
     *
     * @throws BackupException when the user does not exist, the database fails or the file cannot be written
     */
    public BackupManifest createUserBackup(long userId, BackupProgress progress) {
        return create(BackupScope.USER, userId, progress);
    }

    public BackupManifest createFullBackup() {
        return createFullBackup(BackupProgress.NONE);
    }

    /** Backs up every table, as one snapshot. */
    public BackupManifest createFullBackup(BackupProgress progress) {
        return create(BackupScope.FULL, null, progress);
    }

    private BackupManifest create(BackupScope scope, Long userId, BackupProgress progress) {
        DatabaseUrl db = database.get();
        Instant createdAt = clock.instant();
        long start = System.nanoTime();
        String what = scope == BackupScope.USER ? "user " + userId : "full";
        try {
            BackupManifest manifest = new SnapshotExport(repository, rules)
                    .run(db, scope, userId, createdAt, guarded(progress));
            long size = Files.size(repository.path(manifest.id()));
            record("created", manifest.id(), String.format("%s backup of %d tables, %,d rows, %,d bytes, in %d ms",
                    capitalised(what), manifest.tables().size(), manifest.totalRows(), size,
                    (System.nanoTime() - start) / 1_000_000));
            return manifest;
        } catch (IOException e) {
            throw failed("failed", what, new BackupException("Backup of " + what + " was written but cannot be read: "
                    + IoErrors.reason(e), e));
        } catch (SQLException e) {
            throw failed("failed", what, new BackupException("Backup of " + what + " failed: "
                    + BackupArchive.firstLine(e.getMessage()) + " (" + db.masked() + ")", e));
        } catch (BackupException e) {
            throw failed("failed", what, e);
        }
    }

    /**
     * Shows what {@link #restore} would change, table by table, without changing anything:
     * the parts are loaded into temporary tables in a transaction that is rolled back.
     *
     * @param target the database to compare with; empty for the service's database
     */
    public RestorePreview previewRestore(String backupId, Optional<DatabaseUrl> target) {
        DatabaseUrl db = target.orElseGet(database);
        try (BackupArchive archive = repository.open(backupId);
             Connection c = BackupConnections.open(db);
             Transaction tx = Transaction.begin(c, "")) {
            BackupManifest manifest = archive.manifest();
            List<TableDiff> diffs = RestoreWork.prepare(c, archive, rules, db.masked())
                    .stageAndCompare(BackupProgress.NONE);
            return new RestorePreview(backupId, manifest.scope(), manifest.userId(), db.masked(), diffs, clock.instant());
        } catch (SQLException | IOException e) {
            throw new BackupException("Cannot preview restoring backup " + backupId + " into " + db.masked() + ": "
                    + BackupArchive.firstLine(e.getMessage()), e);
        }
    }

    public RestoreResult restore(String backupId, Optional<DatabaseUrl> target) {
        return restore(backupId, target, BackupProgress.NONE);
    }

    /**
     * Restores a backup, all or nothing, in one transaction. Every part's SHA-256 is checked
     * as it streams in, and a damaged part rolls the whole restore back, so a damaged backup
     * never changes the target. A user backup makes the
     * user's rows exactly as backed up (rows added since are deleted, rows deleted since come
     * back) and leaves other users' rows alone; a full backup replaces the content of its
     * tables. Sequences are moved past the restored ids.
     *
     * @param target the database to restore into (its tables must exist with the backup's
     *               columns); empty for the service's database
     * @throws BackupException naming the damaged part, or the missing table or column, or the
     *                         database error; the target is then unchanged
     */
    public RestoreResult restore(String backupId, Optional<DatabaseUrl> target, BackupProgress progress) {
        DatabaseUrl db = target.orElseGet(database);
        BackupProgress listener = guarded(progress);
        long start = System.nanoTime();
        try (BackupArchive archive = repository.open(backupId)) {
            BackupManifest manifest = archive.manifest();
            // Each part's SHA-256 is checked as it streams in; a mismatch rolls everything back.
            archive.manifestDamage().ifPresent(problem -> {
                throw new BackupException("Backup " + manifest.id() + " was not restored: " + problem);
            });
            List<RestoredTable> tables;
            try (Connection c = BackupConnections.open(db); Transaction tx = Transaction.begin(c, "")) {
                // A full restore empties tables, which waits for every transaction using them;
                // better a clear failure than a restore that hangs behind a forgotten session.
                BackupConnections.execute(c, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT_SECONDS + "s'");
                RestoreWork work = RestoreWork.prepare(c, archive, rules, db.masked());
                BackupProgress loading = listener;
                if (manifest.scope() == BackupScope.USER) {
                    tables = work.merge(work.stageAndCompare(loading));
                } else {
                    tables = work.replace(loading);
                }
                tx.commit();
            } catch (SQLException | IOException e) {
                throw new BackupException("Restore of backup " + backupId + " into " + db.masked()
                        + " failed and was rolled back: " + BackupArchive.firstLine(e.getMessage()), e);
            }
            RestoreResult result = new RestoreResult(backupId, manifest.scope(), manifest.userId(), db.masked(), tables,
                    clock.instant(), Duration.ofNanos(System.nanoTime() - start));
            listener.update("Backup " + backupId + " restored", 1.0);
            record("restored", backupId, String.format("Restored %s backup into %s: %,d rows in %d tables, in %d ms",
                    manifest.describe(), db.masked(), result.rowsAfter(), tables.size(), result.took().toMillis()));
            return result;
        } catch (BackupException e) {
            throw failed("restore-failed", backupId, e);
        }
    }

    /**
     * Checks the manifest and every part's SHA-256, as a restore does first.
     *
     * @throws BackupException naming the damaged part
     */
    public void requireIntact(String backupId, BackupProgress progress) {
        try (BackupArchive archive = repository.open(backupId)) {
            requireIntact(archive, guarded(progress));
        }
    }

    private static void requireIntact(BackupArchive archive, BackupProgress progress) {
        archive.manifestDamage().ifPresent(problem -> {
            throw new BackupException("Backup " + archive.manifest().id() + " was not restored: " + problem);
        });
        List<TablePart> parts = archive.manifest().tables();
        for (int i = 0; i < parts.size(); i++) {
            progress.update("Checking " + parts.get(i).entry(), (double) i / parts.size());
            Optional<String> damage = archive.damage(parts.get(i));
            if (damage.isPresent()) {
                throw new BackupException("Backup " + archive.manifest().id() + " was not restored: " + damage.get());
            }
        }
    }

    public VerificationResult verify(String backupId) {
        return verify(backupId, BackupProgress.NONE);
    }

    /**
     * Checks every part against the manifest and trial-restores the intact ones into a
     * scratch database on the service's database server (dropped afterwards), and records the
     * outcome next to the backup.
     */
    public VerificationResult verify(String backupId, BackupProgress progress) {
        try {
            VerificationResult result = new Verifier(repository, clock).verify(backupId, database.get(), guarded(progress));
            if (result.ok()) {
                record("verified", backupId, "Backup " + backupId + " verified: every part intact, trial restore matched");
            } else {
                record("verify-failed", backupId, "Backup " + backupId + " failed verification: "
                        + String.join("; ", result.problems()));
            }
            return result;
        } catch (BackupException e) {
            throw failed("verify-failed", backupId, e);
        }
    }

    private BackupException failed(String type, String subject, BackupException e) {
        record(type, subject, e.getMessage());
        return e;
    }

    private void record(String type, String subject, String message) {
        LOG.info("{} ({})", message, type);
        journal.record(new EngineEvent(clock.instant(), CATEGORY, type, subject, message));
    }

    /** A failing listener is logged, never allowed to fail the backup. */
    private static BackupProgress guarded(BackupProgress progress) {
        return (step, fraction) -> {
            try {
                progress.update(step, fraction);
            } catch (RuntimeException e) {
                LOG.warn("Backup progress listener failed on '{}'", step, e);
            }
        };
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
