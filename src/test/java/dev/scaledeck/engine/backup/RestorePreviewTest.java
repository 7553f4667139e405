package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.scaledeck.engine.backup.BackupFixtures.SAMPLE_TABLES;
import static dev.scaledeck.engine.backup.BackupFixtures.checksums;
import static dev.scaledeck.engine.backup.BackupFixtures.queryLong;
import static dev.scaledeck.engine.backup.BackupFixtures.queryString;
import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestorePreviewTest extends SeededServiceTest {

    private static final long USER = 11;
    private static final String SEQUENCES = "SELECT string_agg(coalesce(pg_sequence_last_value(c.oid)::text, '-'), ',' "
            + "ORDER BY c.relname) FROM pg_class c WHERE c.relkind = 'S'";

    @Test
    void shouldCountExactlyWhatARestoreOfAUserWouldChange() {
        long projects = count("projects");
        long workflows = count("workflows");
        long conversions = count("conversions");
        long deletedWorkflow = queryLong(db, "SELECT min(id) FROM workflows WHERE user_id = " + USER);
        String elsewhere = "user_id = " + USER + " AND workflow_id IS DISTINCT FROM " + deletedWorkflow;
        // Deleting the workflow sets workflow_id to NULL in each conversion that points at it: one change each.
        long nulledByDelete = queryLong(db, "SELECT count(*) FROM conversions WHERE workflow_id = " + deletedWorkflow);
        BackupManifest manifest = service.createUserBackup(USER);

        sql(db, "UPDATE users SET name = 'Someone Else' WHERE id = " + USER,
                "INSERT INTO projects (user_id, name) VALUES (" + USER + ", 'new 1'), (" + USER + ", 'new 2')",
                "DELETE FROM workflows WHERE id = " + deletedWorkflow,
                "UPDATE conversions SET duration_ms = duration_ms + 1 WHERE id IN (SELECT id FROM conversions WHERE "
                        + elsewhere + " ORDER BY id LIMIT 3)",
                "DELETE FROM conversions WHERE id = (SELECT max(id) FROM conversions WHERE " + elsewhere + ")",
                "UPDATE projects SET name = 'not this user' WHERE user_id = " + (USER + 1));

        RestorePreview preview = service.previewRestore(manifest.id(), Optional.empty());

        assertThat(preview.tables()).containsExactly(
                new TableDiff("users", 1, 1, 0, 0, 1, 0),
                new TableDiff("projects", projects, projects + 2, 0, 2, 0, projects),
                new TableDiff("workflows", workflows, workflows - 1, 1, 0, 0, workflows - 1),
                new TableDiff("conversions", conversions, conversions - 1, 1, 0, 3 + nulledByDelete,
                        conversions - 1 - 3 - nulledByDelete));
        assertThat(preview.toInsert()).isEqualTo(2);
        assertThat(preview.toDelete()).isEqualTo(2);
        assertThat(preview.changesNothing()).isFalse();
    }

    @Test
    void shouldChangeNothingNotEvenASequence() {
        BackupManifest full = service.createFullBackup();
        BackupManifest user = service.createUserBackup(USER);
        sql(db, "DELETE FROM conversions WHERE user_id = " + USER, "UPDATE users SET name = 'x' WHERE id < 20");
        Map<String, String> before = checksums(db, List.of("users", "projects", "workflows", "conversions",
                "sample_seed"));
        String sequences = queryString(db, SEQUENCES);

        service.previewRestore(full.id(), Optional.empty());
        service.previewRestore(user.id(), Optional.empty());

        assertThat(checksums(db, List.of("users", "projects", "workflows", "conversions", "sample_seed")))
                .isEqualTo(before);
        assertThat(queryString(db, SEQUENCES)).isEqualTo(sequences);
    }

    @Test
    void shouldSeeNothingToDoRightAfterABackup() {
        BackupManifest full = service.createFullBackup();

        RestorePreview preview = service.previewRestore(full.id(), Optional.empty());

        assertThat(preview.changesNothing()).isTrue();
        assertThat(preview.tables()).allSatisfy(t -> assertThat(t.unchanged()).isEqualTo(t.rowsInBackup()));
        assertThat(preview.tables()).extracting(TableDiff::table).containsSubsequence(SAMPLE_TABLES);
    }

    @Test
    void shouldNameTheTableATargetDoesNotHave() {
        BackupManifest full = service.createFullBackup();
        DatabaseUrl target = BackupFixtures.sampleSchemaOnly();
        sql(target, "DROP TABLE sample_seed");

        assertThatThrownBy(() -> service.previewRestore(full.id(), Optional.of(target)))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("Table sample_seed of backup " + full.id() + " does not exist in "
                        + target.masked());
    }

    private long count(String table) {
        String column = table.equals("users") ? "id" : "user_id";
        return queryLong(db, "SELECT count(*) FROM " + table + " WHERE " + column + " = " + USER);
    }
}
