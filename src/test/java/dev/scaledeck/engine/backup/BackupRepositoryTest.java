package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;

import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupRepositoryTest {

    @TempDir
    Path temp;
    private DatabaseUrl db;
    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);

    @BeforeEach
    void setUp() {
        db = BackupFixtures.emptyDatabase();
        sql(db, "CREATE TABLE users (id bigserial PRIMARY KEY, name text)",
                "CREATE TABLE notes (id bigserial PRIMARY KEY, user_id bigint REFERENCES users, body text)",
                "INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, 50) g",
                "INSERT INTO notes (user_id, body) SELECT 1 + g % 50, repeat('note ' || g, 20) FROM generate_series(1, 2000) g");
    }

    private BackupService service(Path directory, int compressionLevel) {
        return new BackupService(() -> db, new BackupRepository(directory, compressionLevel), clock, journal);
    }

    @Test
    void shouldCreateBackupAndVerificationFilesOnlyTheOwnerCanRead() throws Exception {
        BackupService service = service(temp.resolve("backups"), 6);
        BackupManifest manifest = service.createFullBackup();
        service.verify(manifest.id());

        Path archive = service.repository().path(manifest.id());
        Path sidecar = temp.resolve("backups").resolve(manifest.id() + ".verify.json");
        Path checksum = temp.resolve("backups").resolve(manifest.id() + ".sha256");
        for (Path file : new Path[] {archive, sidecar, checksum}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        // The format sha256sum -c reads.
        assertThat(Files.readString(checksum)).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive))) + "  " + manifest.id() + ".sdbk\n");
    }

    @Test
    void shouldListNewestFirstWithUniqueIdsAndIgnoreWhatIsNotAFinishedBackup() throws Exception {
        Path directory = temp.resolve("backups");
        BackupService service = service(directory, 1);
        BackupManifest first = service.createFullBackup();
        BackupManifest sameSecond = service.createFullBackup();
        clock.advance(Duration.ofMinutes(5));
        BackupManifest user = service.createUserBackup(3);
        Files.writeString(directory.resolve("full-20991231T000000Z.sdbk.partial"), "half written");
        Files.writeString(directory.resolve("notes.txt"), "not a backup");

        assertThat(first.id()).isEqualTo("full-20261126T100000Z");
        assertThat(sameSecond.id()).isEqualTo("full-20261126T100000Z-2");
        assertThat(user.id()).isEqualTo("user-3-20261126T100500Z");
        assertThat(service.repository().list()).extracting(StoredBackup::id)
                .containsExactly(user.id(), sameSecond.id(), first.id());
        assertThat(service.repository().list().get(0).sizeBytes()).isEqualTo(Files.size(directory.resolve(user.id() + ".sdbk")));
        assertThat(service.repository().list().get(0).lastVerification()).isEmpty();
    }

    @Test
    void shouldDeleteABackupWithItsVerificationRecord() {
        Path directory = temp.resolve("backups");
        BackupService service = service(directory, 1);
        BackupManifest manifest = service.createFullBackup();
        service.verify(manifest.id());
        assertThat(service.repository().find(manifest.id()).orElseThrow().lastVerification()).isPresent();

        assertThat(service.repository().delete(manifest.id())).isTrue();

        assertThat(service.repository().find(manifest.id())).isEmpty();
        assertThat(directory).isEmptyDirectory();
        assertThat(service.repository().delete(manifest.id())).isFalse();
    }

    /**
     * Tests run as root, which chmod cannot stop from writing. A directory whose path is a
     * regular file, or lies below one, cannot be written by anybody.
     */
    @Test
    void shouldFailClearlyWhenTheDirectoryIsAFile() throws Exception {
        Path file = Files.writeString(temp.resolve("backups"), "I am a file");

        assertThatThrownBy(() -> service(file, 6).createFullBackup())
                .isInstanceOf(BackupException.class)
                .hasMessage("Cannot write backup to " + file.resolve("full-20261126T100000Z.sdbk") + ": " + file
                        + " exists and is not a directory");
        assertThatThrownBy(() -> service(file.resolve("sub"), 6).createFullBackup())
                .isInstanceOf(BackupException.class)
                .hasMessage("Cannot write backup to " + file.resolve("sub").resolve("full-20261126T100000Z.sdbk")
                        + ": not a directory");
        assertThat(journal.recent(1)).extracting(EngineEvent::type).containsExactly("failed");
    }

    @Test
    void shouldLeaveNothingBehindWhenTheBackupFailsHalfWay() throws Exception {
        Path directory = temp.resolve("backups");
        BackupService service = service(directory, 6);

        assertThatThrownBy(() -> service.createFullBackup((step, fraction) -> {
            if (step.startsWith("Copying notes")) {
                // The users part is in the partial file by now; the connection goes away before the rest.
                assertThat(directory).isNotEmptyDirectory();
                sql(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + BackupConnections.APPLICATION_NAME + "' AND datname = current_database()");
            }
        })).isInstanceOf(BackupException.class).hasMessageStartingWith("Backup of full failed: ");

        assertThat(service.repository().list()).isEmpty();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldCompressAsToldAndRejectALevelThatDoesNotExist() throws Exception {
        BackupManifest none = service(temp.resolve("none"), 0).createFullBackup();
        BackupManifest best = service(temp.resolve("best"), 9).createFullBackup();

        long uncompressed = Files.size(temp.resolve("none").resolve(none.id() + ".sdbk"));
        long compressed = Files.size(temp.resolve("best").resolve(best.id() + ".sdbk"));
        assertThat(uncompressed).isGreaterThan(none.uncompressedBytes());
        assertThat(compressed).isLessThan(none.uncompressedBytes() / 5);
        assertThatThrownBy(() -> new BackupRepository(temp, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compressionLevel must be between 0 (none) and 9 (smallest), but was 12");
    }
}
