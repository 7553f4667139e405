package dev.scaledeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scaledeck backup ...} against a real database named by DATABASE_URL (no embedded environment). */
class BackupCommandTest {

    @TempDir
    Path home;
    private DatabaseUrl db;

    @BeforeEach
    void database() throws Exception {
        db = TestPostgres.freshDatabase();
        sql("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)",
                "CREATE TABLE projects (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), name text)",
                "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com')",
                "INSERT INTO projects VALUES (10, 1, 'alpha'), (11, 1, 'beta'), (20, 2, 'gamma')");
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private String value(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Result run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("SCALEDECK_HOME", home.toString());
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("LOAD_BALANCER_INSTANCES", "[]");
        return CliRun.run(env, args);
    }

    private JsonNode json(Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void createListVerifyAndRestoreShouldWorkFromTheCommandLine() throws Exception {
        Result created = run("backup", "create", "--user", "1", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        JsonNode manifest = json(created);
        String id = manifest.get("id").asText();
        assertThat(manifest.get("scope").asText()).isEqualTo("user");
        assertThat(manifest.get("rows").asLong()).isEqualTo(3); // the user and two projects

        Result listed = run("backup", "list", "--json");
        assertThat(listed.code()).isZero();
        assertThat(json(listed).get("backups").get(0).get("id").asText()).isEqualTo(id);
        assertThat(json(listed).get("pointInTimeRecovery").asText()).contains("pgBackRest or WAL-G");

        Result verified = run("backup", "verify", id);
        assertThat(verified.code()).isZero();
        assertThat(verified.out()).contains(id + " is intact");

        sql("UPDATE projects SET name = 'damaged' WHERE user_id = 1");
        Result declined = run("backup", "restore", id);
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).contains("Restoring " + id + " into ").contains("would insert 0, delete 0 and change 2 rows").contains("projects");
        assertThat(declined.err()).contains("re-run with --yes");
        assertThat(value("SELECT count(*) FROM projects WHERE name = 'damaged'")).isEqualTo("2");

        Result restored = run("backup", "restore", id, "--yes");
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("Restored into ").contains("What was replaced is saved as backup user-1-");
        assertThat(value("SELECT string_agg(name, ',' ORDER BY id) FROM projects")).isEqualTo("alpha,beta,gamma");
    }

    @Test
    void verifyShouldCatchADamagedFileAndRestoreShouldRefuseIt() throws Exception {
        String id = json(run("backup", "create", "--full", "--json")).get("id").asText();
        Path file = home.resolve("backups").resolve(id + ".sdbk");
        byte[] bytes = Files.readAllBytes(file);
        // A byte of the projects part's data: after its local header (30 bytes, name, extra field).
        byte[] name = "data/public.projects.copy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int header = indexOf(bytes, name) - 30;
        int extra = (bytes[header + 28] & 0xff) | (bytes[header + 29] & 0xff) << 8;
        bytes[header + 30 + name.length + extra + 2] ^= 0x01;
        Files.write(file, bytes);

        Result verified = run("backup", "verify", id, "--json");
        assertThat(verified.code()).isEqualTo(1);
        JsonNode result = json(verified);
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("problems").toString()).as(verified.out()).contains("data/public.projects.copy");

        Result restore = run("backup", "restore", id, "--yes");
        assertThat(restore.code()).isEqualTo(1);
        assertThat(restore.err()).contains("scaledeck: Backup " + id + " was not restored: part data/public.projects.copy "
                + "(table projects) is damaged").doesNotContain("\tat ").doesNotContain("Saving what the restore replaces");
        assertThat(json(run("backup", "list", "--json")).get("backups")).hasSize(1); // no safety backup was written
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void pointInTimeOnADatabaseWithoutItsArchiveShouldSaySoAndNameTheNearestBackup() throws Exception {
        String id = json(run("backup", "create", "--full", "--json")).get("id").asText();

        Result r = run("backup", "restore", "--user", "1", "--at", java.time.Instant.now().plusSeconds(1).toString(), "--yes");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("needs the server's WAL archive").contains("pgBackRest or WAL-G")
                .contains("the nearest logical backup before").contains(id);
    }

    @Test
    void badArgumentsShouldExitTwoWithOneClearLine() {
        Result at = run("backup", "restore", "--user", "1", "--at", "yesterday-ish");
        assertThat(at.code()).isEqualTo(2);
        assertThat(at.err()).contains("--at = 'yesterday-ish' is not valid: a time such as 2026-11-26T14:05:00Z");
        Result both = run("backup", "restore", "some-id", "--at", "14:05");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("Give a backup ID, or --at TIME");
        Result none = run("backup", "create");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--user=ID").contains("--full").contains("--base");
        Result target = run("backup", "restore", "some-id", "--target-url", "mysql://db/app");
        assertThat(target.code()).isEqualTo(2);
        assertThat(target.err()).contains("--target-url = 'mysql://db/app' is not valid: a JDBC URL")
                .contains("Try 'scaledeck backup restore --help'");
        Result secret = run("backup", "restore", "some-id", "--target-url", "postgres://admin:s3cret@/app");
        assertThat(secret.code()).isEqualTo(2);
        assertThat(secret.err()).contains("--target-url = 'postgres://admin:****@/app' is not valid").doesNotContain("s3cret");
        Result userWithId = run("backup", "restore", "some-id", "--user", "3");
        assertThat(userWithId.code()).isEqualTo(2);
        assertThat(userWithId.err()).contains("--user goes with --at");
        Result unknown = run("backup", "verify", "full-19990101T000000Z");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("full-19990101T000000Z");
    }
}
