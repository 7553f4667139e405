package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SecondaryCopiesTest {

    @TempDir
    Path dir;

    private final EventJournal journal = new EventJournal(100, null);

    private Path original() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.createDirectories(dir.resolve("primary")).resolve("full-20261126T140500Z.sdbk");
        Files.write(file, bytes);
        return file;
    }

    @Test
    void eachRepositoryShouldGetAVerifiedPrivateCopy() throws Exception {
        Path file = original();
        Path a = dir.resolve("disk-a");
        Path b = dir.resolve("mnt/remote/b");
        SecondaryCopies copies = new SecondaryCopies(List.of(a, b), journal, Clock.systemUTC());

        List<SecondaryCopies.CopyStatus> statuses = copies.copy(file, SecondaryCopies.sha256(file));

        assertThat(statuses).allSatisfy(s -> assertThat(s.ok()).as(s.describe()).isTrue());
        for (Path repo : List.of(a, b)) {
            Path copy = repo.resolve(file.getFileName());
            assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(file));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo))).isEqualTo("rwx------");
            try (var listing = Files.list(repo)) {
                assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(file.getFileName().toString());
            }
        }
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsExactly("copied", "copied");
    }

    @Test
    void aDamagedOrMissingCopyShouldBeDetectedAndNamed() throws Exception {
        Path file = original();
        Path a = dir.resolve("disk-a");
        Path b = dir.resolve("disk-b");
        SecondaryCopies copies = new SecondaryCopies(List.of(a, b), journal, Clock.systemUTC());
        String sha = SecondaryCopies.sha256(file);
        copies.copy(file, sha);

        byte[] bytes = Files.readAllBytes(a.resolve(file.getFileName()));
        bytes[123_456] ^= 0x01; // one flipped bit
        Files.write(a.resolve(file.getFileName()), bytes);
        Files.delete(b.resolve(file.getFileName()));

        List<SecondaryCopies.CopyStatus> statuses = copies.check(file.getFileName().toString(), sha);

        assertThat(statuses.get(0).ok()).isFalse();
        assertThat(statuses.get(0).problem()).startsWith("copy damaged: SHA-256 ").endsWith("expected " + sha);
        assertThat(statuses.get(1).ok()).isFalse();
        assertThat(statuses.get(1).problem()).isEqualTo("copy missing (full-20261126T140500Z.sdbk)");
        assertThat(journal.recent(10)).extracting(EngineEvent::type).endsWith("copy-damaged", "copy-damaged");
    }

    @Test
    void aRepositoryThatCannotBeWrittenShouldFailAloneAndLeaveNoPartialFile() throws Exception {
        Path file = original();
        // A regular file where the repository directory should be: not writable even for root.
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path good = dir.resolve("good");
        SecondaryCopies copies = new SecondaryCopies(List.of(blocked, good), journal, Clock.systemUTC());

        List<SecondaryCopies.CopyStatus> statuses = copies.copy(file, SecondaryCopies.sha256(file));

        assertThat(statuses.get(0).ok()).isFalse();
        assertThat(statuses.get(0).problem()).startsWith("copy failed: ");
        assertThat(statuses.get(1).ok()).isTrue();
        assertThat(Files.readString(blocked)).isEqualTo("x");
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsExactly("copy-failed", "copied");
    }

    @Test
    void deleteShouldRemoveEveryCopy() throws Exception {
        Path file = original();
        Path a = dir.resolve("disk-a");
        SecondaryCopies copies = new SecondaryCopies(List.of(a), journal, Clock.systemUTC());
        copies.copy(file, SecondaryCopies.sha256(file));

        copies.delete(file.getFileName().toString());
        copies.delete(file.getFileName().toString());

        assertThat(a.resolve(file.getFileName())).doesNotExist();
    }
}
