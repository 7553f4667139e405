package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.scaledeck.engine.backup.BackupFixtures.SAMPLE_TABLES;
import static dev.scaledeck.engine.backup.BackupFixtures.checksums;
import static dev.scaledeck.engine.backup.BackupFixtures.rowsOf;
import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** A restore either completes or leaves the target exactly as it was. */
class RestoreFailureTest extends SeededServiceTest {

    private static final String SOME_ROWS = "INSERT INTO users (id, email, name) VALUES (1, 'kept@example.com', 'Kept');"
            + "INSERT INTO projects (user_id, name) VALUES (1, 'kept project')";

    @Test
    void shouldNameTheMissingTableAndLeaveTheTargetAlone() {
        BackupManifest manifest = service.createFullBackup();
        DatabaseUrl target = BackupFixtures.sampleSchemaOnly();
        sql(target, SOME_ROWS, "DROP TABLE conversions");
        Map<String, String> before = checksums(target, List.of("users", "projects", "workflows"));

        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.of(target)))
                .isInstanceOf(BackupException.class)
                .hasMessage("Table conversions of backup " + manifest.id() + " does not exist in " + target.masked());

        assertThat(checksums(target, List.of("users", "projects", "workflows"))).isEqualTo(before);
        assertThat(journal.recent(1)).extracting(EngineEvent::type, EngineEvent::subject)
                .containsExactly(tuple("restore-failed", manifest.id()));
    }

    @Test
    void shouldNameAColumnWhoseTypeDiffers() {
        BackupManifest manifest = service.createFullBackup();
        DatabaseUrl target = BackupFixtures.sampleSchemaOnly();
        sql(target, "ALTER TABLE workflows ALTER COLUMN node_count TYPE bigint");

        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.of(target)))
                .isInstanceOf(BackupException.class)
                .hasMessage("Column node_count of table workflows is integer in the backup but bigint in "
                        + target.masked());
    }

    @Test
    void shouldRollBackAFullRestoreThatFailsOnItsLastTable() {
        BackupManifest manifest = service.createFullBackup();
        DatabaseUrl target = BackupFixtures.sampleSchemaOnly();
        // Every conversion in the backup breaks this rule, so the restore fails after users,
        // projects and workflows were emptied and loaded.
        sql(target, SOME_ROWS, "ALTER TABLE conversions ADD CONSTRAINT no_conversions CHECK (duration_ms < 0)");
        Map<String, String> before = checksums(target, SAMPLE_TABLES);

        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.of(target)))
                .isInstanceOf(BackupException.class)
                .hasMessageStartingWith("Restore of backup " + manifest.id() + " into " + target.masked()
                        + " failed and was rolled back: ")
                .hasMessageContaining("no_conversions");

        assertThat(checksums(target, SAMPLE_TABLES)).isEqualTo(before);
        assertThat(BackupFixtures.queryLong(target, "SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void shouldRollBackAUserRestoreThatFailsHalfWay() {
        BackupManifest manifest = service.createUserBackup(5);
        sql(db, "UPDATE users SET name = 'Renamed' WHERE id = 5",
                "DELETE FROM projects WHERE id = (SELECT min(id) FROM projects WHERE user_id = 5)",
                "DELETE FROM conversions WHERE user_id = 5",
                "ALTER TABLE conversions ADD CONSTRAINT no_new_conversions CHECK (duration_ms < 0) NOT VALID");
        Map<String, String> before = checksums(db, SAMPLE_TABLES, rowsOf(5));

        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.empty()))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("no_new_conversions");

        assertThat(checksums(db, SAMPLE_TABLES, rowsOf(5))).isEqualTo(before);
    }

    @Test
    void shouldNotEmptyATableOutsideTheBackupThatReferencesOneInIt() {
        BackupManifest manifest = service.createFullBackup();
        DatabaseUrl target = BackupFixtures.sampleSchemaOnly();
        sql(target, SOME_ROWS, "CREATE TABLE invoices (id int PRIMARY KEY, user_id bigint REFERENCES users)",
                "INSERT INTO invoices VALUES (1, 1)");
        Map<String, String> before = checksums(target, List.of("users", "projects", "invoices"));

        assertThatThrownBy(() -> service.restore(manifest.id(), Optional.of(target)))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("cannot truncate a table referenced in a foreign key constraint");

        assertThat(checksums(target, List.of("users", "projects", "invoices"))).isEqualTo(before);
    }

    @Test
    void shouldSayThereIsNoSuchBackup() {
        assertThatThrownBy(() -> service.restore("full-19990101T000000Z", Optional.empty()))
                .isInstanceOf(BackupException.class)
                .hasMessage("There is no backup full-19990101T000000Z in " + directory.toAbsolutePath());
        assertThatThrownBy(() -> service.verify("../../etc/passwd"))
                .isInstanceOf(BackupException.class)
                .hasMessage("There is no backup ../../etc/passwd in " + directory.toAbsolutePath());
    }
}
