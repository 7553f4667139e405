package dev.scaledeck.engine.backup;

import dev.scaledeck.embedded.EmbeddedDatabase;
import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Restore user 42 as of 14:05" end to end on a real archiving embedded PostgreSQL: base backup,
 * changes, recovery into a scratch server, the user's rows taken from it, previewed and applied
 * to the live database, with the replaced rows saved first.
 */
class BackupCenterPointInTimeTest {

    @TempDir
    static Path home;
    private static EmbeddedDatabase live;
    private static BackupCenter center;

    @BeforeAll
    static void start() {
        try {
            live = EmbeddedDatabase.startOrReuse(home.resolve("live"), message -> { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        BackupFixtures.sql(live.url(), BackupFixtures.sampleSchemaSql());
        BackupFixtures.sql(live.url(),
                "INSERT INTO users (id, email, name) VALUES (1, 'a@example.com', 'Ada'), (2, 'b@example.com', 'Bob')",
                "INSERT INTO projects (id, user_id, name) VALUES (10, 1, 'first'), (20, 2, 'bob''s')");
        EventJournal journal = new EventJournal(1000, null);
        Clock clock = Clock.systemUTC();
        BackupConfig config = new BackupConfig(home.resolve("backups"), 1, List.of(), RetentionPolicy.DEFAULT, List.of(),
                Duration.ofHours(25), "users", Map.of());
        center = new BackupCenter(config, live::url, home.resolve("pitr"), new AlertCenter(clock, journal, 10), journal, clock);
        center.useClusterFiles(new ClusterFiles(live.dataDirectory(), live.walArchive()));
        center.createBaseBackup();
    }

    @AfterAll
    static void stop() {
        center.close();
        live.close();
    }

    private static Instant serverNow() {
        return OffsetDateTime.parse(BackupFixtures.queryString(live.url(), "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")).toInstant();
    }

    @Test
    void aUserShouldComeBackAsOfATimeBeforeAChangeWithTheirCurrentRowsSaved() throws Exception {
        BackupFixtures.sql(live.url(), "UPDATE projects SET name = 'renamed at t1' WHERE id = 10");
        Instant t1 = serverNow();
        Thread.sleep(1100);
        BackupFixtures.sql(live.url(), "UPDATE projects SET name = 'broken at t2' WHERE id = 10",
                "INSERT INTO projects (id, user_id, name) VALUES (11, 1, 'added at t2')",
                "UPDATE projects SET name = 'bob changed at t2' WHERE id = 20");
        Instant target = t1.plusMillis(500);

        try (BackupCenter.UserAsOf prepared = center.prepareUserAsOf(1, target, BackupProgress.NONE)) {
            RestorePreview preview = prepared.preview();
            assertThat(preview.toChange()).isEqualTo(1);
            assertThat(preview.toDelete()).isEqualTo(1);
            assertThat(preview.toInsert()).isZero();
            assertThat(BackupFixtures.queryString(live.url(), "SELECT name FROM projects WHERE id = 10"))
                    .as("nothing changes before apply").isEqualTo("broken at t2");

            BackupCenter.SafeRestore done = prepared.apply(BackupProgress.NONE);

            assertThat(BackupFixtures.queryString(live.url(), "SELECT name FROM projects WHERE id = 10")).isEqualTo("renamed at t1");
            assertThat(BackupFixtures.queryLong(live.url(), "SELECT count(*) FROM projects WHERE id = 11")).isZero();
            assertThat(BackupFixtures.queryString(live.url(), "SELECT name FROM projects WHERE id = 20"))
                    .as("another user's rows are untouched").isEqualTo("bob changed at t2");
            String safety = done.safetyBackup().orElseThrow();
            RestorePreview undo = center.previewRestore(safety, Optional.empty());
            assertThat(undo.toChange()).as("the safety backup holds the t2 rows").isEqualTo(1);
            assertThat(undo.toInsert()).isEqualTo(1);
        }
        assertThat(home.resolve("pitr")).isEmptyDirectory();
    }
}
