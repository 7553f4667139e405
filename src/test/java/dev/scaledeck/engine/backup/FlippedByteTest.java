package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flips each byte of a small archive in turn, headers and directory included, and runs the
 * archive half of a verification on it: every flip must be found, and one in an entry's
 * data must be reported as damage of that entry.
 */
class FlippedByteTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "compression level {0}")
    @ValueSource(ints = {0, 6})
    void shouldDetectAFlippedByteAnywhereInTheFile(int level) throws Exception {
        DatabaseUrl db = BackupFixtures.emptyDatabase();
        sql(db, "CREATE TABLE users (id int PRIMARY KEY, name text)",
                "CREATE TABLE notes (id int PRIMARY KEY, user_id int REFERENCES users, body text)",
                "INSERT INTO users SELECT g, 'name ' || g FROM generate_series(1, 30) g",
                "INSERT INTO notes SELECT g, 1 + g % 30, E'line\\n' || g FROM generate_series(1, 40) g");
        BackupService service = new BackupService(() -> db, new BackupRepository(directory, level), new MutableClock(),
                new EventJournal(10, null));
        BackupManifest manifest = service.createFullBackup();
        Path file = service.repository().path(manifest.id());
        byte[] original = Files.readAllBytes(file);

        List<Integer> undetected = new ArrayList<>();
        Map<String, Integer> namedEntries = new TreeMap<>();
        for (int i = 0; i < original.length; i++) {
            byte[] damaged = original.clone();
            damaged[i] ^= (byte) 0xff;
            Files.write(file, damaged);
            List<String> problems = ArchiveCheck.run(service.repository(), manifest.id()).problems();
            if (problems.isEmpty()) {
                undetected.add(i);
            }
            for (String entry : List.of("data/public.users.copy", "data/public.notes.copy", "manifest.json")) {
                if (problems.get(0).contains(entry)) {
                    namedEntries.merge(entry, 1, Integer::sum);
                }
            }
        }
        Files.write(file, original);

        assertThat(undetected).isEmpty();
        // Every byte of an entry's compressed data names that entry (a few header bytes may too).
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String entry : namedEntries.keySet()) {
                assertThat(namedEntries.get(entry)).as(entry)
                        .isGreaterThanOrEqualTo((int) zip.getEntry(entry).getCompressedSize());
            }
        }
        assertThat(namedEntries).containsOnlyKeys("data/public.users.copy", "data/public.notes.copy", "manifest.json");
        assertThat(ArchiveCheck.run(service.repository(), manifest.id()).problems()).isEmpty();
    }
}
