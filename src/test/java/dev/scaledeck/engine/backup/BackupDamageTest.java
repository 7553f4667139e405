package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.scaledeck.engine.backup.BackupFixtures.SAMPLE_TABLES;
import static dev.scaledeck.engine.backup.BackupFixtures.checksums;
import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class BackupDamageTest {

    private static final String PROJECTS = "data/public.projects.copy";
    private static final String WORKFLOWS = "data/public.workflows.copy";

    @TempDir
    Path directory;
    private DatabaseUrl db;
    private EventJournal journal;

    @BeforeEach
    void setUp() {
        db = BackupFixtures.seededDatabase();
        journal = new EventJournal(100, null);
    }

    private BackupService service(int compressionLevel) {
        return new BackupService(() -> db, new BackupRepository(directory, compressionLevel), new MutableClock(),
                journal);
    }

    @Test
    void shouldVerifyAnIntactBackupAndRecordItNextToIt() throws Exception {
        BackupService service = service(6);
        BackupManifest manifest = service.createFullBackup();

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
        String fileSha = HexFormat.of().formatHex(PartDigest.sha256().digest(
                Files.readAllBytes(service.repository().path(manifest.id()))));
        assertThat(result.fileSha256()).isEqualTo(fileSha);
        assertThat(service.repository().find(manifest.id()).orElseThrow().lastVerification()).get()
                .satisfies(v -> assertThat(v.ok()).isTrue())
                .satisfies(v -> assertThat(v.fileSha256()).isEqualTo(fileSha));
        assertThat(scratchDatabases()).isEmpty();
        assertThat(journal.recent(1)).extracting(EngineEvent::type).containsExactly("verified");
    }

    @Test
    void shouldNameThePartWithAFlippedByteAndRefuseToRestoreIt() throws Exception {
        BackupService service = service(0);
        BackupManifest manifest = service.createFullBackup();
        ArchiveSurgery.flipByteInEntry(service.repository().path(manifest.id()), PROJECTS, 100);
        sql(db, "DELETE FROM conversions WHERE id % 2 = 0");
        Map<String, String> before = checksums(db, SAMPLE_TABLES);

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("part " + PROJECTS + " (table projects) is damaged: ");
        assertThat(result.problems().get(1)).startsWith("The file's SHA-256 is ").endsWith(" as when it was written");
        assertThat(service.repository().lastVerification(manifest.id())).get()
                .satisfies(v -> assertThat(v.ok()).isFalse())
                .satisfies(v -> assertThat(v.problems()).isEqualTo(result.problems()));
        assertThat(scratchDatabases()).isEmpty();
        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.empty()))
                .isInstanceOf(BackupException.class)
                .hasMessageStartingWith("Backup " + manifest.id() + " was not restored: part " + PROJECTS);
        assertThat(checksums(db, SAMPLE_TABLES)).isEqualTo(before);
        assertThat(journal.recent(2)).extracting(EngineEvent::type).containsExactly("verify-failed", "restore-failed");
    }

    @Test
    void shouldReportAFlippedCompressedByteAsDamageOfThatPart() throws Exception {
        BackupService service = service(6);
        BackupManifest manifest = service.createFullBackup();
        ArchiveSurgery.flipByteInEntry(service.repository().path(manifest.id()), WORKFLOWS, 5_000);

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.ok()).isFalse();
        assertThat(result.problems().get(0)).startsWith("part " + WORKFLOWS + " (table workflows) is damaged: ");
    }

    @Test
    void shouldFindInTheTrialRestoreWhatTheChecksumsOfTheArchiveCannotSee() throws Exception {
        BackupService service = service(6);
        BackupManifest manifest = service.createFullBackup();
        ArchiveSurgery.rewritePart(service.repository().path(manifest.id()), PROJECTS,
                text -> text.replaceFirst("Billing", "Killing"));
        // As if copied elsewhere without its checksum file, which would see the change at once.
        Files.delete(directory.resolve(manifest.id() + ".sha256"));

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.problems()).singleElement().asString()
                .startsWith("Table projects: the trial restore's content checksum is ");
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void shouldSayAFileThatIsNoArchiveIsDamaged() throws Exception {
        BackupService service = service(6);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("full-20260101T000000Z.sdbk"), "not a zip at all");

        VerificationResult result = service.verify("full-20260101T000000Z");

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("is damaged: not a readable archive");
        assertThat(service.repository().list()).isEmpty();
    }

    @Test
    void shouldCheckAColumnOfATypeTheScratchDatabaseLacksAsText() {
        DatabaseUrl plain = BackupFixtures.emptyDatabase();
        sql(plain, "CREATE TYPE mood AS ENUM ('happy', 'sad')",
                "CREATE TABLE diary (id int PRIMARY KEY, feeling mood, note text)",
                "INSERT INTO diary VALUES (1, 'happy', 'sun'), (2, 'sad', NULL)");
        db = plain;
        BackupService service = service(1);
        BackupManifest manifest = service.createFullBackup();

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.ok()).isTrue();
        assertThat(result.notes()).singleElement().asString().contains("column feeling of type mood was checked as text");
        assertThat(journal.recent(2)).extracting(EngineEvent::category, EngineEvent::type)
                .containsExactly(tuple("backup", "created"), tuple("backup", "verified"));
    }

    private static List<String> scratchDatabases() throws Exception {
        try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(string_agg(datname, ','), '') FROM pg_database "
                     + "WHERE datname LIKE 'scaledeck_verify_%'")) {
            rs.next();
            return rs.getString(1).isEmpty() ? List.of() : List.of(rs.getString(1).split(","));
        }
    }

    @Test
    void shouldCatchAFlippedByteInTheManifestThatLeavesItReadable() throws Exception {
        BackupService service = service(0);
        BackupManifest manifest = service.createFullBackup();
        // 10:00:00 becomes 11:00:00: still a valid manifest, but not the one that was written.
        ArchiveSurgery.changeByteAfter(service.repository().path(manifest.id()), "\"createdAt\" : \"2026-11-26T1", 1);

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.problems().get(0)).startsWith("manifest.json is damaged: CRC-32 is ");
        assertThat(service.repository().find(manifest.id()).orElseThrow().manifest().createdAt())
                .hasToString("2026-11-26T11:00:00Z");
        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.empty()))
                .isInstanceOf(BackupException.class)
                .hasMessageStartingWith("Backup " + manifest.id() + " was not restored: manifest.json is damaged");
    }

    @Test
    void shouldCatchAFlippedByteInAZipHeaderThatNothingReads() throws Exception {
        BackupService service = service(6);
        BackupManifest manifest = service.createFullBackup();
        // The modification time in a zip header: no zip checksum covers it, and nothing reads it.
        ArchiveSurgery.flipByteInLocalHeader(service.repository().path(manifest.id()), PROJECTS, 10);

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.problems()).singleElement().asString().startsWith("The file's SHA-256 is ")
                .endsWith("as when it was written; every part and the manifest read back intact, so the damage is in "
                        + "the zip headers");
    }

    @Test
    void shouldNoticeACopiedFileThatChangedSinceItWasLastVerified() throws Exception {
        BackupService service = service(6);
        BackupManifest manifest = service.createFullBackup();
        Files.delete(directory.resolve(manifest.id() + ".sha256"));
        assertThat(service.verify(manifest.id()).ok()).isTrue();
        ArchiveSurgery.flipByteInLocalHeader(service.repository().path(manifest.id()), PROJECTS, 10);

        VerificationResult result = service.verify(manifest.id());

        assertThat(result.problems()).singleElement().asString()
                .startsWith("The file has changed since it was verified at 2026-11-26T10:00:00Z: its SHA-256 was ");
    }
}
