package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

import static dev.scaledeck.engine.backup.BackupFixtures.SAMPLE_TABLES;
import static dev.scaledeck.engine.backup.BackupFixtures.checksums;
import static dev.scaledeck.engine.backup.BackupFixtures.queryLong;
import static dev.scaledeck.engine.backup.BackupFixtures.rowsNotOf;
import static dev.scaledeck.engine.backup.BackupFixtures.rowsOf;
import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class UserBackupRoundTripTest extends SeededServiceTest {

    private static final long USER = 7;

    @Test
    void shouldMakeTheUsersRowsExactlyAsBackedUpAndLeaveEveryoneElsesAlone() {
        long referenced = queryLong(db, "SELECT min(id) FROM workflows WHERE user_id = " + USER);
        long sharedWithOther = queryLong(db, "SELECT max(id) FROM workflows WHERE user_id = " + USER);
        // A conversion of this user that points at the workflow that will be deleted (ON DELETE SET NULL),
        // and one of another user that points at this user's workflow.
        sql(db, conversion(USER, referenced), conversion(8, sharedWithOther));
        long referencing = queryLong(db, "SELECT count(*) FROM conversions WHERE workflow_id = " + referenced);
        Map<String, String> usersRowsAtBackup = checksums(db, SAMPLE_TABLES, rowsOf(USER));
        BackupManifest manifest = service.createUserBackup(USER);

        sql(db, "DELETE FROM workflows WHERE id = " + referenced,
                "UPDATE projects SET name = name || ' (renamed)' WHERE user_id = " + USER,
                "INSERT INTO projects (user_id, name) VALUES (" + USER + ", 'added after the backup')",
                "INSERT INTO workflows (user_id, project_id, name, definition, node_count) SELECT " + USER
                        + ", id, 'added after the backup', '{}', 0 FROM projects WHERE name = 'added after the backup'",
                "DELETE FROM conversions WHERE id = (SELECT min(id) FROM conversions WHERE user_id = " + USER
                        + " AND workflow_id IS DISTINCT FROM " + referenced + ")",
                "UPDATE users SET name = 'Changed Name' WHERE id = " + USER,
                "UPDATE projects SET name = name || ' v2' WHERE user_id = 8",
                "INSERT INTO projects (user_id, name) VALUES (8, 'other user, after the backup')",
                "DELETE FROM conversions WHERE user_id = 9");
        Map<String, String> othersBeforeRestore = checksums(db, SAMPLE_TABLES, rowsNotOf(USER));

        RestoreResult result = service.restore(manifest.id(), Optional.empty());

        assertThat(checksums(db, SAMPLE_TABLES, rowsOf(USER))).isEqualTo(usersRowsAtBackup);
        assertThat(checksums(db, SAMPLE_TABLES, rowsNotOf(USER))).isEqualTo(othersBeforeRestore);
        assertThat(queryLong(db, "SELECT count(*) FROM projects WHERE name = 'added after the backup'")).isZero();
        assertThat(queryLong(db, "SELECT count(*) FROM conversions WHERE workflow_id = " + referenced))
                .isEqualTo(referencing);
        assertThat(queryLong(db, "SELECT count(*) FROM conversions WHERE user_id = 8 AND workflow_id = "
                + sharedWithOther)).isEqualTo(1);
        assertThat(result.tables()).extracting(RestoredTable::table, RestoredTable::inserted, RestoredTable::deleted)
                .containsExactly(tuple("users", 0L, 0L), tuple("projects", 0L, 1L), tuple("workflows", 1L, 1L),
                        tuple("conversions", 1L, 0L));
        assertThat(result.tables().get(0).updated()).isEqualTo(1);
    }

    @Test
    void shouldBringBackAUserWhoWasDeletedWithAllTheirRows() {
        Map<String, String> atBackup = checksums(db, SAMPLE_TABLES, rowsOf(USER));
        BackupManifest manifest = service.createUserBackup(USER);
        sql(db, "DELETE FROM users WHERE id = " + USER);
        assertThat(queryLong(db, "SELECT count(*) FROM workflows WHERE user_id = " + USER)).isZero();

        service.restore(manifest.id(), Optional.empty());

        assertThat(checksums(db, SAMPLE_TABLES, rowsOf(USER))).isEqualTo(atBackup);
        sql(db, "INSERT INTO projects (user_id, name) VALUES (" + USER + ", 'new rows get fresh ids')");
    }

    @Test
    void shouldHoldOnlyTheUsersRowsParentsFirst() {
        BackupManifest manifest = service.createUserBackup(USER);

        assertThat(manifest.id()).isEqualTo("user-7-20261126T100000Z");
        assertThat(manifest.scope()).isEqualTo(BackupScope.USER);
        assertThat(manifest.userId()).isEqualTo(USER);
        assertThat(manifest.tables()).extracting(TablePart::table, TablePart::rows).containsExactly(
                tuple("users", 1L),
                tuple("projects", queryLong(db, "SELECT count(*) FROM projects WHERE user_id = 7")),
                tuple("workflows", queryLong(db, "SELECT count(*) FROM workflows WHERE user_id = 7")),
                tuple("conversions", queryLong(db, "SELECT count(*) FROM conversions WHERE user_id = 7")));
        assertThat(manifest.tables().get(2).rows()).isPositive();
    }

    @Test
    void shouldRefuseAUserWhoDoesNotExistAndWriteNothing() throws Exception {
        assertThatThrownBy(() -> service.createUserBackup(4242))
                .isInstanceOf(BackupException.class)
                .hasMessage("User 4242 does not exist in users");

        assertThat(service.repository().list()).isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        assertThat(journal.recent(1)).extracting(EngineEvent::type, EngineEvent::message)
                .containsExactly(tuple("failed", "User 4242 does not exist in users"));
    }

    private static String conversion(long userId, long workflowId) {
        return "INSERT INTO conversions (user_id, workflow_id, status, language, generated_code, duration_ms) VALUES ("
                + userId + ", " + workflowId + ", 'completed', 'typescript', E'line 1\\nline \\\\2', 12)";
    }
}
