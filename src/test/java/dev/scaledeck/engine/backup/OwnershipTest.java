package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class OwnershipTest {

    @TempDir
    Path directory;

    @Test
    void shouldFindTheSampleTablesInForeignKeyOrderWithTheUsersRows() throws SQLException {
        DatabaseUrl db = BackupFixtures.sampleSchemaOnly();

        Ownership ownership = discover(db, OwnershipRules.defaults());

        assertThat(ownership.userTable()).isEqualTo(new TableName("public", "users"));
        assertThat(ownership.userKey()).isEqualTo("id");
        assertThat(ownership.tables()).extracting(TableName::toString)
                .containsExactly("users", "projects", "workflows", "conversions");
        assertThat(ownership.tables()).extracting(t -> ownership.filter(t, 7).orElseThrow())
                .containsExactly("\"id\" = 7", "\"user_id\" = 7", "\"user_id\" = 7", "\"user_id\" = 7");
        assertThat(ownership.filter(new TableName("public", "sample_seed"), 7)).isEmpty();
    }

    @Test
    void shouldFollowForeignKeysToOwnedTablesTransitively() throws SQLException {
        DatabaseUrl db = BackupFixtures.sampleSchemaOnly();
        sql(db, "CREATE TABLE workflow_tags (workflow_id bigint REFERENCES workflows (id), tag text)",
                "CREATE TABLE tag_votes (workflow_id bigint, tag_no int, up boolean)",
                "CREATE TABLE \"Odd \"\"Name\"\"\" (project_id bigint REFERENCES projects, "
                        + "owner_email text)",
                "ALTER TABLE users ADD CONSTRAINT users_email_key2 UNIQUE (email)",
                "ALTER TABLE \"Odd \"\"Name\"\"\" ADD FOREIGN KEY (owner_email) REFERENCES users (email)");

        Ownership ownership = discover(db, OwnershipRules.defaults());

        assertThat(ownership.tables()).extracting(TableName::toString)
                .containsExactly("users", "projects", "Odd \"Name\"", "workflows", "conversions", "workflow_tags");
        assertThat(ownership.filter(new TableName("public", "workflow_tags"), 7)).contains(
                "(\"workflow_id\") IN (SELECT \"id\" FROM ONLY \"public\".\"workflows\" WHERE \"user_id\" = 7)");
        // Two ways to a user, neither of them the user id itself: a row belongs if either leads to the user.
        assertThat(ownership.filter(new TableName("public", "Odd \"Name\""), 7)).contains(
                "((\"owner_email\") IN (SELECT \"email\" FROM ONLY \"public\".\"users\" WHERE \"id\" = 7))"
                        + " OR ((\"project_id\") IN (SELECT \"id\" FROM ONLY \"public\".\"projects\" WHERE \"user_id\" = 7))");
    }

    @Test
    void shouldLetAnOwnerColumnOverrideDiscovery() throws SQLException {
        DatabaseUrl db = BackupFixtures.sampleSchemaOnly();
        sql(db, "CREATE TABLE audit_log (id bigserial PRIMARY KEY, actor bigint, action text)");

        Ownership ownership = discover(db, new OwnershipRules("users",
                Map.of("audit_log", "actor", "public.conversions", "user_id")));

        assertThat(ownership.tables()).extracting(TableName::toString)
                .containsExactly("audit_log", "users", "projects", "workflows", "conversions");
        assertThat(ownership.filter(new TableName("public", "audit_log"), 3)).contains("\"actor\" = 3");
    }

    @Test
    void shouldUseAnotherUserTableWhenTold() throws SQLException {
        DatabaseUrl db = BackupFixtures.emptyDatabase();
        sql(db, "CREATE SCHEMA crm",
                "CREATE TABLE crm.accounts (account_no int PRIMARY KEY, name text)",
                "CREATE TABLE crm.notes (id int PRIMARY KEY, account_no int REFERENCES crm.accounts, body text)",
                "CREATE TABLE unrelated (id int PRIMARY KEY)");

        Ownership ownership = discover(db, new OwnershipRules("accounts", Map.of()));

        assertThat(ownership.tables()).extracting(TableName::toString).containsExactly("crm.accounts", "crm.notes");
        assertThat(ownership.filter(new TableName("crm", "notes"), 5)).contains("\"account_no\" = 5");
    }

    @Test
    void shouldBackUpTheRowsAnOverrideSaysAreTheUsers() {
        DatabaseUrl db = BackupFixtures.sampleSchemaOnly();
        sql(db, "CREATE TABLE audit_log (id bigserial PRIMARY KEY, actor bigint, action text)",
                "INSERT INTO users (id, email, name) VALUES (1, 'a@example.com', 'A'), (2, 'b@example.com', 'B')",
                "INSERT INTO audit_log (actor, action) VALUES (1, 'login'), (2, 'login'), (1, 'logout')");
        BackupService service = new BackupService(() -> db, new BackupRepository(directory), new MutableClock(),
                new EventJournal(10, null), new OwnershipRules("users", Map.of("audit_log", "actor")));

        BackupManifest manifest = service.createUserBackup(1);

        assertThat(manifest.tables()).extracting(TablePart::table, TablePart::rows)
                .contains(tuple("audit_log", 2L), tuple("users", 1L));
    }

    @Test
    void shouldSayWhatIsWrongWithRulesThatDoNotFitTheDatabase() {
        DatabaseUrl db = BackupFixtures.sampleSchemaOnly();

        assertThatThrownBy(() -> discover(db, new OwnershipRules("people", Map.of())))
                .isInstanceOf(BackupException.class).hasMessage("Table people does not exist");
        assertThatThrownBy(() -> discover(db, new OwnershipRules("users", Map.of("projects", "owner"))))
                .isInstanceOf(BackupException.class).hasMessage("Owner column owner of table projects does not exist");
        assertThatThrownBy(() -> new OwnershipRules(" ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("userTable must name a table, but was ' '");
    }

    private static Ownership discover(DatabaseUrl db, OwnershipRules rules) throws SQLException {
        try (Connection c = BackupFixtures.connect(db)) {
            return Ownership.discover(c, rules);
        }
    }
}
