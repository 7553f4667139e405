package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's backup facade on a real database: schedules, copies, retention, RPO, safety backups. */
class BackupCenterTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final EventJournal journal = new EventJournal(1000, null);
    private final AlertCenter alerts = new AlertCenter(clock, journal, 100);
    private DatabaseUrl db;

    @BeforeEach
    void seeded() {
        db = BackupFixtures.seededDatabase();
    }

    private BackupCenter center(List<BackupSchedule> schedules, RetentionPolicy retention, List<Path> copies) {
        BackupConfig config = new BackupConfig(dir.resolve("backups"), 1, schedules, retention, copies,
                Duration.ofHours(25), "users", Map.of());
        return new BackupCenter(config, () -> db, dir.resolve("pitr"), alerts, journal, clock);
    }

    private List<String> types(String category) {
        return journal.recent(1000).stream().filter(e -> e.category().equals(category)).map(EngineEvent::type).toList();
    }

    @Test
    void aDueScheduleShouldBackUpVerifyAndCopyAndKeepTheRpoAlertOff() {
        BackupSchedule hourly = new BackupSchedule(BackupScheduleTarget.FULL, Duration.ofHours(1));
        Path second = dir.resolve("second-disk");
        try (BackupCenter center = center(List.of(hourly), RetentionPolicy.DEFAULT, List.of(second))) {
            assertThat(center.checkRpo()).singleElement().satisfies(s -> assertThat(s.exceeded()).isTrue());
            assertThat(alerts.isActive("backup.rpo.full")).isTrue();

            List<String> ran = center.runDueSchedules();

            assertThat(ran).singleElement().asString().endsWith("(verified)");
            BackupListing listing = center.list().get(0);
            assertThat(listing.verified()).isTrue();
            assertThat(listing.copies()).isEqualTo(1);
            assertThat(second.resolve(listing.backup().path().getFileName())).hasSameBinaryContentAs(listing.backup().path());
            assertThat(alerts.isActive("backup.rpo.full")).isFalse();
            assertThat(types("backup")).contains("created", "verified", "copied");

            clock.advance(Duration.ofMinutes(30));
            assertThat(center.runDueSchedules()).isEmpty();
        }
    }

    @Test
    void runsMissedWhileStoppedShouldBeJournalledAndRetentionApplied() {
        BackupSchedule hourly = new BackupSchedule(BackupScheduleTarget.FULL, Duration.ofHours(1));
        try (BackupCenter center = center(List.of(hourly), new RetentionPolicy(1, 0, 0, 0), List.of())) {
            center.runDueSchedules();
            String first = center.list().get(0).id();

            clock.advance(Duration.ofMinutes(200));
            center.runDueSchedules();

            assertThat(journal.recent(1000)).filteredOn(e -> e.type().equals("missed")).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("2 scheduled runs missed"));
            // last=1 keeps the new one; the first is deleted by retention.
            assertThat(center.list()).extracting(BackupListing::id).doesNotContain(first).hasSize(1);
            assertThat(journal.recent(1000)).filteredOn(e -> e.type().equals("deleted")).singleElement()
                    .satisfies(e -> assertThat(e.subject()).isEqualTo(first));
        }
    }

    @Test
    void retentionShouldNeverDeleteTheNewestVerifiedBackup() {
        try (BackupCenter center = center(List.of(), new RetentionPolicy(1, 0, 0, 0), List.of())) {
            BackupManifest verified = center.createFullBackup(BackupProgress.NONE);
            assertThat(center.verify(verified.id(), BackupProgress.NONE).ok()).isTrue();
            clock.advance(Duration.ofMinutes(1));
            BackupManifest newer = center.createFullBackup(BackupProgress.NONE);

            RetentionPolicy.Plan plan = center.applyRetention();

            assertThat(plan.delete()).isEmpty();
            assertThat(plan.keep().get(verified.id())).containsExactly("newest verified");
            assertThat(center.list()).extracting(BackupListing::id).containsExactly(newer.id(), verified.id());
        }
    }

    @Test
    void aBaseScheduleWithoutTheClustersFilesShouldBeSkippedOnceWithItsReason() {
        BackupSchedule base = new BackupSchedule(BackupScheduleTarget.BASE, Duration.ofHours(24));
        try (BackupCenter center = center(List.of(base), RetentionPolicy.DEFAULT, List.of())) {
            center.runDueSchedules();
            center.runDueSchedules();

            assertThat(journal.recent(1000)).filteredOn(e -> e.type().equals("schedule-skipped")).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("pgBackRest or WAL-G"));
            assertThat(center.checkRpo()).isEmpty(); // not watched where it cannot run
        }
    }

    @Test
    void restoringIntoTheLiveDatabaseShouldSaveWhatItReplacesFirst() {
        try (BackupCenter center = center(List.of(), RetentionPolicy.DEFAULT, List.of())) {
            BackupManifest backup = center.createUserBackup(7, BackupProgress.NONE);
            BackupFixtures.sql(db, "UPDATE projects SET name = 'changed after the backup' WHERE user_id = 7");
            Map<String, String> changed = BackupFixtures.checksums(db, BackupFixtures.SAMPLE_TABLES, BackupFixtures.rowsOf(7));
            clock.advance(Duration.ofMinutes(1));

            BackupCenter.SafeRestore done = center.restore(backup.id(), Optional.empty(), BackupProgress.NONE);

            assertThat(BackupFixtures.queryLong(db, "SELECT count(*) FROM projects WHERE name = 'changed after the backup'"))
                    .isZero();
            String safety = done.safetyBackup().orElseThrow();
            // The safety backup holds the rows as they were before the restore: restoring it brings them back.
            center.service().restore(safety, Optional.empty());
            assertThat(BackupFixtures.checksums(db, BackupFixtures.SAMPLE_TABLES, BackupFixtures.rowsOf(7))).isEqualTo(changed);
            assertThat(types("backup")).contains("safety-backup");
        }
    }

    @Test
    void safetyBackupsShouldGetTheirSecondCopyLikeAnyOtherBackup() {
        Path second = dir.resolve("second-disk");
        try (BackupCenter center = center(List.of(), RetentionPolicy.DEFAULT, List.of(second))) {
            BackupManifest backup = center.createUserBackup(7, BackupProgress.NONE);
            clock.advance(Duration.ofMinutes(1));

            String safety = center.restore(backup.id(), Optional.empty(), BackupProgress.NONE).safetyBackup().orElseThrow();

            assertThat(center.list()).filteredOn(l -> l.id().equals(safety)).singleElement()
                    .satisfies(l -> assertThat(l.copies()).isEqualTo(1));
            assertThat(second.resolve(center.repository().path(safety).getFileName())).exists();
        }
    }

    @Test
    void aUserThatNoLongerExistsShouldBeRestoredWithoutASafetyBackup() {
        try (BackupCenter center = center(List.of(), RetentionPolicy.DEFAULT, List.of())) {
            BackupManifest backup = center.createUserBackup(9, BackupProgress.NONE);
            BackupFixtures.sql(db, "DELETE FROM users WHERE id = 9");

            BackupCenter.SafeRestore done = center.restore(backup.id(), Optional.empty(), BackupProgress.NONE);

            assertThat(done.safetyBackup()).isEmpty();
            assertThat(BackupFixtures.queryLong(db, "SELECT count(*) FROM users WHERE id = 9")).isEqualTo(1);
        }
    }

    @Test
    void verifyShouldNameADamagedSecondCopy() throws Exception {
        Path second = dir.resolve("second-disk");
        try (BackupCenter center = center(List.of(), RetentionPolicy.DEFAULT, List.of(second))) {
            BackupManifest m = center.createUserBackup(3, BackupProgress.NONE);
            Path copy = second.resolve(center.repository().path(m.id()).getFileName());
            byte[] bytes = Files.readAllBytes(copy);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(copy, bytes);

            VerificationResult r = center.verify(m.id(), BackupProgress.NONE);

            assertThat(r.ok()).isFalse();
            assertThat(r.problems()).singleElement().asString().startsWith(second + ": copy damaged: SHA-256");
        }
    }

    @Test
    void withoutTheClustersFilesPointInTimeShouldSayWhyAndOfferTheNearestLogicalBackup() {
        try (BackupCenter center = center(List.of(), RetentionPolicy.DEFAULT, List.of())) {
            BackupManifest m = center.createFullBackup(BackupProgress.NONE);
            clock.advance(Duration.ofHours(2));

            assertThat(center.pitrSupport().available()).isFalse();
            assertThatThrownBy(() -> center.prepareUserAsOf(7, clock.instant().minus(Duration.ofMinutes(30)), BackupProgress.NONE))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("needs the server's WAL archive")
                    .hasMessageContaining(db.masked())
                    .hasMessageContaining("the nearest logical backup before 2026-11-26T11:30:00Z is " + m.id()
                            + " (1h 30m earlier)");
            assertThatThrownBy(center::createBaseBackup).isInstanceOf(BackupException.class)
                    .hasMessageStartingWith("Point-in-time recovery needs");
        }
    }
}
