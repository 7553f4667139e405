package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full restore loads with row triggers off (as pg_restore --disable-triggers) and then checks
 * every foreign key in one query each: rows whose parent is missing in the target are refused
 * and nothing changes.
 */
class FullRestoreForeignKeyTest {

    @TempDir
    Path directory;

    @Test
    void rowsWithoutTheirParentShouldBeRefusedAndTheTargetLeftAsItWas() {
        // The source has no foreign key, so it holds an orphan; the target has the key.
        DatabaseUrl source = BackupFixtures.emptyDatabase();
        BackupFixtures.sql(source, "CREATE TABLE parents (id int PRIMARY KEY)",
                "CREATE TABLE children (id int PRIMARY KEY, parent_id int, other_id int)",
                "INSERT INTO parents VALUES (1)",
                "INSERT INTO children VALUES (10, 1, NULL), (11, 99, NULL), (12, NULL, 5)");
        DatabaseUrl target = BackupFixtures.emptyDatabase();
        BackupFixtures.sql(target, "CREATE TABLE parents (id int PRIMARY KEY)",
                "CREATE TABLE children (id int PRIMARY KEY, parent_id int REFERENCES parents (id), other_id int)",
                "INSERT INTO parents VALUES (1), (2)",
                "INSERT INTO children VALUES (20, 2, NULL)");
        BackupService service = BackupFixtures.service(source, directory, new EventJournal(10, null));
        String id = service.createFullBackup().id();

        assertThatThrownBy(() -> service.restore(id, Optional.of(target)))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("failed and was rolled back")
                .hasMessageContaining("children_parent_id_fkey: 1 row of children reference no row of parents (parent_id)");

        assertThat(BackupFixtures.queryString(target, "SELECT string_agg(id::text, ',' ORDER BY id) FROM children"))
                .isEqualTo("20");
        assertThat(BackupFixtures.queryLong(target, "SELECT count(*) FROM parents")).isEqualTo(2);
    }

    @Test
    void aNullKeyShouldNotCountAsAMissingParent() {
        DatabaseUrl db = BackupFixtures.emptyDatabase();
        BackupFixtures.sql(db, "CREATE TABLE parents (a int, b int, PRIMARY KEY (a, b))",
                "CREATE TABLE children (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES parents (a, b))",
                "INSERT INTO parents VALUES (1, 1)",
                "INSERT INTO children VALUES (1, 1, 1), (2, NULL, 7), (3, 1, NULL)");
        BackupService service = BackupFixtures.service(db, directory, new EventJournal(10, null));
        String id = service.createFullBackup().id();
        BackupFixtures.sql(db, "DELETE FROM children WHERE id = 1");

        service.restore(id, Optional.empty());

        assertThat(BackupFixtures.queryLong(db, "SELECT count(*) FROM children")).isEqualTo(3);
    }
}
