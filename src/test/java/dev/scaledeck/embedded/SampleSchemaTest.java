package dev.scaledeck.embedded;

import dev.scaledeck.engine.pool.ConnectionPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SampleSchemaTest {

    private static ConnectionPool pool;

    @BeforeAll
    static void seededOnAFreshDatabase() {
        pool = SeededDatabase.pool();
    }

    @Test
    void shouldSeedRealisticVolumesOnFirstStart() throws SQLException {
        SchemaCounts counts = SampleSchema.counts(pool);

        assertThat(counts.users()).isGreaterThanOrEqualTo(1_000);
        assertThat(counts.projects()).isGreaterThanOrEqualTo(3_000);
        assertThat(counts.workflows()).isGreaterThanOrEqualTo(50_000);
        assertThat(counts.conversions()).isGreaterThanOrEqualTo(20_000);
        assertThat(SeededDatabase.seedingProgress()).anyMatch(m -> m.contains("50,000 workflows"))
                .last().asString().startsWith("Sample data ready");
    }

    @Test
    void shouldLeaveTheSchemaUnchangedWhenEnsuredAgainConcurrently() throws SQLException {
        SchemaCounts before = SampleSchema.counts(pool);
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            callers.add(CompletableFuture.runAsync(() -> {
                try {
                    SampleSchema.ensure(pool, m -> { });
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        callers.forEach(CompletableFuture::join);

        assertThat(SampleSchema.counts(pool)).isEqualTo(before);
    }

    @Test
    void shouldLinkEveryTableToItsOwnersWithForeignKeysAndIndexes() throws SQLException {
        List<String> foreignKeys = strings("SELECT conrelid::regclass || '.' || a.attname || ' -> ' || confrelid::regclass "
                + "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
                + "WHERE c.contype = 'f' ORDER BY 1");
        List<String> indexes = strings("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");

        assertThat(foreignKeys).containsExactlyInAnyOrder("projects.user_id -> users", "workflows.user_id -> users",
                "workflows.project_id -> projects", "conversions.user_id -> users",
                "conversions.workflow_id -> workflows");
        assertThat(indexes).contains("projects_user_id_idx", "workflows_user_id_idx", "workflows_project_id_idx",
                "conversions_user_id_idx", "conversions_workflow_id_idx");
    }

    @Test
    void shouldGiveUsersOneToThousandProjectsAndWorkflowsOfTheirOwnProjects() throws SQLException {
        assertThat(strings("SELECT count(*) FROM projects WHERE user_id = 1000")).containsExactly("3");
        assertThat(strings("SELECT count(*) FROM workflows w JOIN projects p ON p.id = w.project_id "
                + "WHERE w.user_id <> p.user_id")).containsExactly("0");
        assertThat(strings("SELECT count(*) FROM conversions c JOIN workflows w ON w.id = c.workflow_id "
                + "WHERE c.user_id <> w.user_id")).containsExactly("0");
    }

    @Test
    void shouldStoreWorkflowDefinitionsTheConverterAccepts() throws SQLException {
        List<String> definitions = strings("SELECT definition::text FROM workflows WHERE id IN (1, 2, 49999)");
        List<String> counts = strings("SELECT node_count FROM workflows WHERE id IN (1, 2, 49999) ORDER BY id");
        WorkflowConverter converter = new WorkflowConverter();

        assertThat(definitions).hasSize(3);
        assertThat(definitions).allSatisfy(d -> assertThat(converter.convert(d).nodes()).isBetween(3, 10));
        assertThat(counts).allSatisfy(n -> assertThat(Integer.parseInt(n)).isBetween(3, 10));
    }

    @Test
    void shouldGiveNewRowsIdsAfterTheSeededOnes() throws SQLException {
        long id = pool.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (email, name) VALUES ('new@example.com', 'New User') RETURNING id");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long newId = rs.getLong(1);
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                    delete.setLong(1, newId);
                    delete.executeUpdate();
                }
                return newId;
            }
        });

        assertThat(id).isGreaterThan(SampleSchema.USERS);
    }

    private static List<String> strings(String sql) throws SQLException {
        return pool.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }
}
