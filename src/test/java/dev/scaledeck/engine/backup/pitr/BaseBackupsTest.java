package dev.scaledeck.engine.backup.pitr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.embedded.EmbeddedDatabase;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Base backups of a real, archiving embedded PostgreSQL; one server for the class. */
class BaseBackupsTest {

    @TempDir
    static Path home;
    private static EmbeddedDatabase database;
    private final EventJournal journal = new EventJournal(100, null);

    @BeforeAll
    static void startServer() throws IOException {
        database = EmbeddedDatabase.startOrReuse(home, message -> { });
    }

    @AfterAll
    static void stopServer() {
        database.close();
    }

    private BaseBackups backupsIn(Path root) {
        return new BaseBackups(root, Clock.systemUTC(), journal);
    }

    @Test
    void shouldWriteAPrivateCopyWithItsBackupLabelAndACompleteBaseJson(@TempDir Path root) throws Exception {
        BaseBackups backups = backupsIn(root.resolve("bases"));

        BaseBackup backup = backups.take(database.url(), database.dataDirectory());

        Path data = backup.dataDirectory();
        assertThat(backup.directory()).isEqualTo(root.resolve("bases").resolve(backup.id()));
        assertThat(data.resolve("PG_VERSION")).hasContent("17");
        assertThat(Files.readString(data.resolve("backup_label"))).contains("LABEL: ScaleDeck " + backup.id())
                .contains("START TIMELINE: 1");
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(data.resolve("postmaster.opts")).doesNotExist();
        assertThat(data.resolve("epg-lock")).doesNotExist();
        assertThat(filesBelow(data.resolve("pg_wal"))).isEmpty();
        assertThat(data.resolve("pg_wal/archive_status")).isDirectory();
        assertThat(data.resolve("pg_subtrans")).isEmptyDirectory();
        assertThat(data.resolve("pg_stat_tmp")).isEmptyDirectory();
        assertThat(data.resolve("base")).isDirectory();

        try (Stream<Path> all = Files.walk(root.resolve("bases"))) {
            for (Path p : all.collect(Collectors.toList())) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        JsonNode json = new ObjectMapper().readTree(backup.directory().resolve("base.json").toFile());
        assertThat(json.get("id").asText()).isEqualTo(backup.id());
        Instant start = Instant.parse(json.get("startTime").asText());
        Instant stop = Instant.parse(json.get("stopTime").asText());
        assertThat(stop).isAfterOrEqualTo(start);
        assertThat(json.get("startLsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(json.get("stopLsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(json.get("timeline").asLong()).isEqualTo(1);
        assertThat(json.get("source").asText()).isEqualTo(database.url().masked());
        assertThat(json.get("sizeBytes").asLong()).isGreaterThan(1_000_000);
        assertThat(backups.list()).containsExactly(backup);
        assertThat(root.resolve("bases")).isDirectoryNotContaining("glob:**.partial");
        assertThat(journal.recent(10)).extracting(EngineEvent::category, EngineEvent::type, EngineEvent::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("backup", "base-created", backup.id()));
    }

    @Test
    void shouldListNewestFirstAndDeleteById(@TempDir Path root) throws Exception {
        BaseBackups backups = backupsIn(root);
        BaseBackup older = backups.take(database.url(), database.dataDirectory());
        BaseBackup newer = backups.take(database.url(), database.dataDirectory());

        assertThat(newer.id()).isNotEqualTo(older.id());
        assertThat(backups.list()).containsExactly(newer, older);

        backups.delete(older.id());

        assertThat(backups.list()).containsExactly(newer);
        assertThat(older.directory()).doesNotExist();
        assertThatThrownBy(() -> backups.delete(older.id())).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no base backup " + older.id());
        assertThatThrownBy(() -> backups.delete("../elsewhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id must look like base-");
    }

    @Test
    void shouldListNothingAndStopTheServersBackupWhenABackupFails(@TempDir Path root) throws Exception {
        Path notADirectory = Files.writeString(root.resolve("bases"), "a file where the backups should go");
        BaseBackups broken = backupsIn(notADirectory);

        assertThatThrownBy(() -> broken.take(database.url(), database.dataDirectory()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Base backup of " + database.url().masked() + " into " + notADirectory + " failed");

        assertThat(broken.list()).isEmpty();
        EngineEvent failed = journal.recent(1).get(0);
        assertThat(failed.type()).isEqualTo("base-failed");
        // pg_backup_stop writes a backup history file naming the label, which the server then
        // archives; a backup merely abandoned with its session leaves none.
        await().atMost(Duration.ofSeconds(30)).until(() -> historyFileLabels().contains("LABEL: ScaleDeck " + failed.subject()));

        BaseBackups working = backupsIn(root.resolve("good"));
        BaseBackup next = working.take(database.url(), database.dataDirectory());
        assertThat(working.list()).containsExactly(next);
    }

    @Test
    void shouldRefuseADirectoryThatIsNotTheServersDataDirectory(@TempDir Path root) throws Exception {
        BaseBackups backups = backupsIn(root.resolve("bases"));

        assertThatThrownBy(() -> backups.take(database.url(), root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root + " is not the data directory of " + database.url().masked());
        assertThat(backups.list()).isEmpty();
    }

    @Test
    void shouldTolerateTablesCreatedAndDroppedWhileCopying(@TempDir Path root) throws Exception {
        BaseBackups backups = backupsIn(root);
        AtomicBoolean copying = new AtomicBoolean(true);
        CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> {
            int rounds = 0;
            try {
                while (copying.get()) {
                    Sql.execute(database.url(), "CREATE TABLE churn_" + rounds + " AS SELECT generate_series(1, 2000) AS n");
                    Sql.execute(database.url(), "DROP TABLE churn_" + rounds);
                    rounds++;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return rounds;
        });
        BaseBackup backup;
        try {
            backup = backups.take(database.url(), database.dataDirectory());
        } finally {
            copying.set(false);
        }

        assertThat(churn.join()).isPositive();
        assertThat(backups.list()).containsExactly(backup);
    }

    private static String historyFileLabels() throws IOException {
        try (Stream<Path> files = Files.list(database.walArchive())) {
            StringBuilder labels = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".backup")).collect(Collectors.toList())) {
                labels.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return labels.toString();
        }
    }

    private static List<Path> filesBelow(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
