package dev.scaledeck.engine.backup;

import dev.scaledeck.embedded.SampleSchema;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.testsupport.TestPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for the backup tests: the sample schema and data are seeded once per test JVM
 * into a template database, and each test gets its own copy ({@code CREATE DATABASE ...
 * TEMPLATE}), which takes a fraction of the seeding time. Plus SQL helpers that read the
 * database the way an operator would check a restore: per-table checksums in SQL.
 */
final class BackupFixtures {

    static final List<String> SAMPLE_TABLES = List.of("users", "projects", "workflows", "conversions");

    private static final AtomicInteger COPIES = new AtomicInteger();
    private static String template;

    private BackupFixtures() {
    }

    /** Users kept of the sample data: enough for realistic rows, few enough for quick tests. */
    static final int USERS = 100;

    /** A database of its own holding the sample schema and the data of its first {@value #USERS} users. */
    static DatabaseUrl seededDatabase() {
        String name = "backup_" + ProcessHandle.current().pid() + "_" + COPIES.incrementAndGet();
        String source = template();
        try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + source);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the seeded template " + source, e);
        }
        return DatabaseUrl.of(TestPostgres.server().getJdbcUrl("postgres", name), "postgres", null);
    }

    private static synchronized String template() {
        if (template == null) {
            DatabaseUrl db = TestPostgres.freshDatabase();
            try (ConnectionPool pool = new ConnectionPool("backup-seed", db, PoolConfig.defaults(), Clock.systemUTC())) {
                SampleSchema.ensure(pool, step -> { });
            } catch (SQLException e) {
                throw new IllegalStateException("cannot seed the sample schema", e);
            }
            // The cascades take the projects, workflows and conversions of the users that go.
            sql(db, "DELETE FROM users WHERE id > " + USERS, "VACUUM FULL", "ANALYZE");
            template = databaseName(db);
            // A template must have no sessions; the pool's may take a moment to end on the server.
            terminateOthers(template);
        }
        return template;
    }

    private static void terminateOthers(String database) {
        try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String databaseName(DatabaseUrl db) {
        String url = db.jdbcUrl();
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** An empty database. */
    static DatabaseUrl emptyDatabase() {
        return TestPostgres.freshDatabase();
    }

    /** An empty database with the sample schema's tables and no rows. */
    static DatabaseUrl sampleSchemaOnly() {
        DatabaseUrl db = emptyDatabase();
        sql(db, sampleSchemaSql());
        return db;
    }

    static String sampleSchemaSql() {
        try (InputStream in = SampleSchema.class.getResourceAsStream("/sql/sample-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Connection connect(DatabaseUrl db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    static void sql(DatabaseUrl db, String... statements) {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static long queryLong(DatabaseUrl db, String query) {
        return query(db, query, rs -> rs.getLong(1));
    }

    static String queryString(DatabaseUrl db, String query) {
        return query(db, query, rs -> rs.getString(1));
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(DatabaseUrl db, String query, Reader<T> reader) {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return reader.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Each table's rows as one MD5, the rows in a fixed order: equal maps mean equal content.
     *
     * @param where a condition on the rows, e.g. {@code user_id = 7}, per table; tables not in it count whole
     */
    static Map<String, String> checksums(DatabaseUrl db, List<String> tables, Map<String, String> where) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : tables) {
            String condition = where.getOrDefault(table, "TRUE");
            sums.put(table, queryString(db, "SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' "
                    + "ORDER BY t::text), '')) FROM " + table + " t WHERE " + condition));
        }
        return sums;
    }

    static Map<String, String> checksums(DatabaseUrl db, List<String> tables) {
        return checksums(db, tables, Map.of());
    }

    /** The conditions that pick one user's rows of the sample tables. */
    static Map<String, String> rowsOf(long userId) {
        return Map.of("users", "id = " + userId, "projects", "user_id = " + userId,
                "workflows", "user_id = " + userId, "conversions", "user_id = " + userId);
    }

    /** The conditions that pick every other user's rows of the sample tables. */
    static Map<String, String> rowsNotOf(long userId) {
        return Map.of("users", "id <> " + userId, "projects", "user_id <> " + userId,
                "workflows", "user_id <> " + userId, "conversions", "user_id <> " + userId);
    }

    static BackupService service(DatabaseUrl db, Path directory, EventJournal journal) {
        return new BackupService(() -> db, new BackupRepository(directory), new MutableClock(), journal);
    }
}
