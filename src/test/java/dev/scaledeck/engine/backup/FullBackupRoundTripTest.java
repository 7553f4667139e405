package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.scaledeck.engine.backup.BackupFixtures.checksums;
import static dev.scaledeck.engine.backup.BackupFixtures.queryLong;
import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FullBackupRoundTripTest extends SeededServiceTest {

    /** Values COPY text has to escape or that break naive dumps: tabs, newlines, backslashes, NULL vs 'NULL'. */
    private static final String ODD_TABLE = """
            CREATE TABLE odd_values (
                id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                label     text,
                doc       jsonb,
                raw       bytea,
                ratio     double precision,
                at        timestamptz,
                tags      text[],
                label_len integer GENERATED ALWAYS AS (length(label)) STORED
            )""";
    private static final String ODD_ROWS = """
            INSERT INTO odd_values (label, doc, raw, ratio, at, tags) VALUES
              (E'tab\\there, newline\\nthere, backslash \\\\ and \\\\N', '{"quote": "\\"", "nl": "a\\nb", "uni": "Grüße ✓ 日本"}',
               '\\x00ff10', 0.1, '2024-02-29 23:59:59.123456+05:30', ARRAY['a,b', 'c"d', NULL]),
              (NULL, NULL, NULL, 'NaN', NULL, NULL),
              ('NULL', 'null', '\\x', -0.0, 'infinity', '{}'),
              ('\\N', '[1, 2.50, "x"]', '\\x5c4e', 1e308, '1970-01-01 00:00:00+00', ARRAY['']),
              (E'emoji 🎉 and CR \\r end', '{}', '\\xdeadbeef', 3.141592653589793, now(), ARRAY['\\\\'])
            """;
    private static final List<String> TABLES = List.of("users", "projects", "workflows", "conversions", "odd_values",
            "sample_seed");

    @BeforeEach
    void addOddValues() {
        sql(db, ODD_TABLE, ODD_ROWS);
    }

    @Test
    void shouldRestoreEveryTableExactlyAsBackedUpAfterRowsWereDeletedChangedAndAdded() {
        Map<String, String> before = checksums(db, TABLES);

        BackupManifest manifest = service.createFullBackup();
        sql(db, "DELETE FROM workflows WHERE id % 7 = 0",
                "UPDATE users SET name = name || ' (renamed)' WHERE id < 50",
                "DELETE FROM users WHERE id BETWEEN 900 AND 910",
                "INSERT INTO users (email, name) VALUES ('late@example.com', 'Late Comer')",
                "UPDATE odd_values SET doc = '{\"changed\": true}', raw = NULL",
                "DELETE FROM odd_values WHERE label IS NULL",
                "INSERT INTO odd_values (label) VALUES ('added after the backup')",
                "DELETE FROM sample_seed");
        assertThat(checksums(db, TABLES)).isNotEqualTo(before);

        RestoreResult result = service.restore(manifest.id(), Optional.empty());

        assertThat(checksums(db, TABLES)).isEqualTo(before);
        assertThat(result.scope()).isEqualTo(BackupScope.FULL);
        assertThat(result.rowsAfter()).isEqualTo(manifest.totalRows());
        assertThat(journal.recent(10)).extracting(EngineEvent::category, EngineEvent::type, EngineEvent::subject)
                .containsExactly(tuple("backup", "created", manifest.id()), tuple("backup", "restored", manifest.id()));
    }

    @Test
    void shouldAdvanceSequencesSoNewRowsAfterARestoreGetFreshIds() {
        BackupManifest manifest = service.createFullBackup();
        // A sequence reset below the restored ids, as after restoring into a database that was recreated.
        sql(db, "SELECT setval(pg_get_serial_sequence('users', 'id'), 1)",
                "SELECT setval(pg_get_serial_sequence('odd_values', 'id'), 1)");

        service.restore(manifest.id(), Optional.empty());

        sql(db, "INSERT INTO users (email, name) VALUES ('new@example.com', 'New')",
                "INSERT INTO odd_values (label) VALUES ('new')");
        assertThat(queryLong(db, "SELECT id FROM users WHERE email = 'new@example.com'"))
                .isEqualTo(BackupFixtures.USERS + 1);
        assertThat(queryLong(db, "SELECT id FROM odd_values WHERE label = 'new'")).isEqualTo(6);
    }

    @Test
    void shouldDescribeTheSnapshotAndListTablesParentsFirst() {
        BackupManifest manifest = service.createFullBackup();

        assertThat(manifest.scope()).isEqualTo(BackupScope.FULL);
        assertThat(manifest.userId()).isNull();
        assertThat(manifest.id()).isEqualTo("full-20261126T100000Z");
        assertThat(manifest.walPosition()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(manifest.serverVersion()).isNotBlank();
        assertThat(manifest.source()).isEqualTo(db.masked());
        List<String> order = new ArrayList<>(manifest.tables().stream().map(TablePart::table).toList());
        assertThat(order).containsSubsequence("users", "projects", "workflows", "conversions")
                .contains("odd_values", "sample_seed");
        TablePart odd = manifest.tables().stream().filter(p -> p.table().equals("odd_values")).findFirst().orElseThrow();
        assertThat(odd.entry()).isEqualTo("data/public.odd_values.copy");
        assertThat(odd.rows()).isEqualTo(5);
        assertThat(odd.columns()).extracting(ColumnDef::name)
                .containsExactly("id", "label", "doc", "raw", "ratio", "at", "tags");
        assertThat(odd.columns()).extracting(ColumnDef::type)
                .containsExactly("bigint", "text", "jsonb", "bytea", "double precision", "timestamp with time zone",
                        "text[]");
        assertThat(manifest.tables()).allSatisfy(p -> assertThat(p.sha256()).hasSize(64));
        assertThat(service.repository().find(manifest.id())).get()
                .satisfies(stored -> assertThat(stored.manifest()).isEqualTo(manifest));
    }

    @Test
    void shouldRestoreIntoAnotherDatabaseWithTheSameTables() {
        List<Double> backupProgress = new ArrayList<>();
        List<Double> restoreProgress = new ArrayList<>();
        BackupManifest manifest = service.createFullBackup((step, fraction) -> backupProgress.add(fraction));
        DatabaseUrl target = BackupFixtures.sampleSchemaOnly();
        sql(target, ODD_TABLE);

        service.restore(manifest.id(), Optional.of(target), (step, fraction) -> restoreProgress.add(fraction));

        assertThat(checksums(target, TABLES)).isEqualTo(checksums(db, TABLES));
        for (List<Double> fractions : List.of(backupProgress, restoreProgress)) {
            assertThat(fractions).isSorted().last().isEqualTo(1.0);
            assertThat(fractions.get(0)).isEqualTo(0.0);
        }
    }

    @Test
    void shouldCopyAPartitionedTableThroughItsParentAndInheritedRowsOnce() {
        DatabaseUrl plain = BackupFixtures.emptyDatabase();
        sql(plain, "CREATE TABLE events (id int, at date NOT NULL, what text) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO events SELECT g, date '2025-06-01' + g * 2, 'event ' || g FROM generate_series(1, 200) g",
                "CREATE TABLE animals (id int PRIMARY KEY, name text)",
                "CREATE TABLE dogs (good boolean) INHERITS (animals)",
                "INSERT INTO animals VALUES (1, 'cat')", "INSERT INTO dogs VALUES (2, 'rex', true)");
        List<String> tables = List.of("events", "animals", "dogs");
        Map<String, String> before = checksums(plain, tables);
        BackupService plainService = BackupFixtures.service(plain, directory.resolve("plain"), journal);
        BackupManifest manifest = plainService.createFullBackup();
        sql(plain, "DELETE FROM events WHERE id % 2 = 0", "DELETE FROM dogs", "INSERT INTO animals VALUES (3, 'owl')");

        plainService.restore(manifest.id(), Optional.empty());

        assertThat(manifest.tables()).extracting(TablePart::table, TablePart::rows)
                .containsExactly(tuple("animals", 1L), tuple("dogs", 1L), tuple("events", 200L));
        assertThat(checksums(plain, tables)).isEqualTo(before);
    }
}
