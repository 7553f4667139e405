package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.embedded.EmbeddedDatabase;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recovery of a real, archiving embedded PostgreSQL into scratch servers; one live server and
 * one base backup for the class. Each recovery starts a second server for a few seconds.
 */
class PointInTimeRecoveryTest {

    @TempDir
    static Path home;
    @TempDir
    static Path scratchParent;
    private static EmbeddedDatabase live;
    private static EventJournal journal;
    private static BaseBackups bases;
    private static PointInTimeRecovery recovery;
    private static BaseBackup firstBase;

    @BeforeAll
    static void startServerAndTakeABaseBackup() throws Exception {
        live = EmbeddedDatabase.startOrReuse(home.resolve("live"), message -> { });
        journal = new EventJournal(100, null);
        bases = new BaseBackups(home.resolve("bases"), Clock.systemUTC(), journal);
        recovery = new PointInTimeRecovery(bases, live.walArchive(), scratchParent, Clock.systemUTC(), journal);
        // The key test owns "changes"; the others write "other_changes", so test order does not matter.
        Sql.execute(live.url(), "CREATE TABLE changes (step integer PRIMARY KEY, note text)");
        Sql.execute(live.url(), "CREATE TABLE other_changes (step integer PRIMARY KEY, note text)");
        firstBase = bases.take(live.url(), live.dataDirectory());
    }

    @AfterAll
    static void stopServer() {
        live.close();
    }

    @Test
    void shouldRecoverExactlyTheCommittedStateAtTheTargetAndLeaveTheLiveServerAlone() throws Exception {
        Instant t1 = commitStep("changes", 1);
        pause();
        Instant t2 = commitStep("changes", 2);
        pause();
        Instant t3 = commitStep("changes", 3);
        BaseBackup takenAfterTheTarget = bases.take(live.url(), live.dataDirectory());
        Instant target = t2.plus(Duration.between(t2, t3).dividedBy(2));
        Set<String> archivedBefore = archive();

        RecoveredCluster recovered = recovery.recover(target, live.url());

        Path scratch = recovered.scratchDirectory();
        try (recovered) {
            assertThat(Sql.column(recovered.url(), "SELECT step FROM changes ORDER BY step")).containsExactly("1", "2");
            assertThat(Sql.value(recovered.url(), "SELECT pg_is_in_recovery()")).isEqualTo("f");
            assertThat(Sql.value(recovered.url(), "SHOW archive_mode")).isEqualTo("off");
            assertThat(recovered.baseBackup()).isEqualTo(firstBase).isNotEqualTo(takenAfterTheTarget);
            assertThat(recovered.target()).isEqualTo(target);
            assertThat(recovered.port()).isNotEqualTo(live.port());
            assertThat(recovered.url().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + recovered.port() + "/scaledeck");
            assertThat(recovered.dataDirectory()).isEqualTo(scratch.resolve("data")).startsWith(scratchParent);
            assertThat(Sql.column(live.url(), "SELECT step FROM changes ORDER BY step")).containsExactly("1", "2", "3");
            assertThat(Sql.value(live.url(), "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }

        assertThat(scratch).doesNotExist();
        // The scratch server promoted itself onto timeline 2; had it archived anything, the
        // live archive would now hold timeline-2 files. New timeline-1 segments are the live server's.
        Set<String> added = archive();
        added.removeAll(archivedBefore);
        assertThat(added).isNotEmpty().allMatch(name -> name.startsWith("00000001"));
        assertThat(archive()).noneMatch(name -> name.startsWith("00000002"));
        assertThat(t1).isBefore(t2);
        assertThat(lastEvent().type()).isEqualTo("pitr-recovered");
        assertThat(lastEvent().message()).contains(firstBase.id());
    }

    @Test
    void shouldLeaveTheRecoveredClusterInPlaceWhenKept() throws Exception {
        commitStep("other_changes", 100);
        Instant target = Sql.serverNow(live.url());

        RecoveredCluster recovered = recovery.recover(target, live.url());
        assertThat(Sql.column(recovered.url(), "SELECT step FROM other_changes WHERE step = 100")).containsExactly("100");
        recovered.keep();
        recovered.close();

        assertThat(recovered.kept()).isTrue();
        assertThat(recovered.dataDirectory().resolve("PG_VERSION")).hasContent("17");
        assertThat(recovered.dataDirectory().resolve("postmaster.pid")).doesNotExist();
        assertThat(recovered.dataDirectory().resolve("recovery.signal")).doesNotExist();
        assertThatThrownBy(() -> Sql.value(recovered.url(), "SELECT 1")).isInstanceOf(SQLException.class);

        // As keep() documents: the kept directory becomes an embedded database, archiving again.
        Path replacementHome = Files.createDirectories(home.resolve("replacement"));
        Files.move(recovered.dataDirectory(), replacementHome.resolve("postgres"));
        try (EmbeddedDatabase replacement = EmbeddedDatabase.startOrReuse(replacementHome, message -> { })) {
            assertThat(Sql.column(replacement.url(), "SELECT step FROM other_changes WHERE step = 100")).containsExactly("100");
            assertThat(Sql.value(replacement.url(), "SHOW archive_mode")).isEqualTo("on");
            assertThat(Sql.value(replacement.url(), "SHOW archive_command")).contains(replacement.walArchive().toString());
        }
    }

    @Test
    void shouldRefuseATargetBeforeEveryBaseBackup() {
        Instant target = firstBase.startTime().minus(Duration.ofMinutes(1));

        assertThatThrownBy(() -> recovery.recover(target, live.url()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No base backup before ")
                .hasMessageContaining("; the oldest is from ")
                .hasMessageContaining("(" + firstBase.id() + ")");
        assertThat(lastEvent().type()).isEqualTo("pitr-failed");
    }

    @Test
    void shouldRefuseATargetInTheFuture() {
        Instant target = Instant.now().plus(Duration.ofHours(1));

        assertThatThrownBy(() -> recovery.recover(target, live.url()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is in the future");
    }

    @Test
    void shouldSayWhenTheArchiveEndsBeforeTheTarget() throws Exception {
        Instant committed = commitStep("other_changes", 200);
        pause();
        List<Path> scratchBefore = scratchDirectories();

        // Without the live server, WAL it has not archived yet cannot be replayed.
        assertThatThrownBy(() -> recovery.recover(committed.plusMillis(100)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("recovery ended before configured recovery target was reached")
                .hasMessageContaining("the WAL archive ends before the target");
        assertThat(scratchDirectories()).isEqualTo(scratchBefore);
        assertThat(lastEvent().type()).isEqualTo("pitr-failed");
    }

    /** Commits one row and returns the server's time just after the commit. */
    private static Instant commitStep(String table, int step) throws SQLException {
        Sql.execute(live.url(), "INSERT INTO " + table + " VALUES (" + step + ", 'step " + step + "')");
        return Sql.serverNow(live.url());
    }

    /** Commit times a second apart, so a target between them is unambiguous. */
    private static void pause() throws InterruptedException {
        Thread.sleep(1000);
    }

    private static Set<String> archive() throws IOException {
        try (Stream<Path> files = Files.list(live.walArchive())) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static List<Path> scratchDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(scratchParent)) {
            return dirs.sorted().collect(Collectors.toList());
        }
    }

    private static EngineEvent lastEvent() {
        return journal.recent(1).get(0);
    }
}
