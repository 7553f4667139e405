package dev.scaledeck.embedded;

import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stopping and starting the owned embedded server, as database-down drills and start-database steps do. */
class EmbeddedDatabaseStopStartTest {

    @TempDir
    static Path home;
    private static EmbeddedDatabase database;
    private static ConnectionPool pool;

    @BeforeAll
    static void startServer() throws Exception {
        database = EmbeddedDatabase.startOrReuse(home, p -> { });
        pool = new ConnectionPool("stop-start-test", database.url(),
                PoolConfig.defaults().withAcquireTimeout(Duration.ofSeconds(10)), Clock.systemUTC());
        pool.withConnection(c -> c.createStatement().execute("CREATE TABLE kept (note text)"));
        pool.withConnection(c -> c.createStatement().execute("INSERT INTO kept VALUES ('committed before the stop')"));
    }

    @AfterAll
    static void stopServer() {
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldKeepDataAndPortAcrossStopAndStartAndLetThePoolWorkAgain() throws Exception {
        EmbeddedManagedDatabase managed = new EmbeddedManagedDatabase(database, () -> pool);
        int port = database.port();
        long sessionBefore = pool.<Long>withConnection(c -> longValue(c, "SELECT pg_backend_pid()"));
        assertThat(managed.running()).isTrue();

        managed.stop();

        assertThat(managed.running()).isFalse();
        assertThat(database.running()).isFalse();
        assertThat(pool.ping(Duration.ofSeconds(2))).isFalse();
        assertThatThrownBy(() -> connect().close()).isInstanceOf(SQLException.class);
        managed.stop(); // already stopped: nothing to do

        managed.start();

        assertThat(managed.running()).isTrue();
        assertThat(database.port()).isEqualTo(port);
        assertThat(database.url().jdbcUrl()).endsWith(":" + port + "/scaledeck");
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the stop");
            assertThat(query(c, "SHOW archive_mode")).isEqualTo("on");
            assertThat(query(c, "SHOW max_connections")).isEqualTo("200");
            assertThat(query(c, "SHOW fsync")).isEqualTo("on");
        }
        // The first borrow after the start already works: the dead sessions were dropped.
        long sessionAfter = pool.<Long>withConnection(c -> longValue(c, "SELECT pg_backend_pid()"));
        assertThat(sessionAfter).isNotEqualTo(sessionBefore);
        long rows = pool.<Long>withConnection(c -> longValue(c, "SELECT count(*) FROM kept"));
        assertThat(rows).isEqualTo(1);
        managed.start(); // already running: nothing to do
        assertThat(database.port()).isEqualTo(port);
    }

    @Test
    void shouldRefuseToStopOrStartAServerAnotherOwnerRuns() throws Exception {
        try (EmbeddedDatabase reused = EmbeddedDatabase.startOrReuse(home, p -> { })) {
            assertThat(reused.owned()).isFalse();
            assertThat(reused.running()).isFalse();
            assertThatThrownBy(reused::stop).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another ScaleDeck process runs it");
            assertThatThrownBy(reused::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another ScaleDeck process runs it");
            assertThatThrownBy(() -> new EmbeddedManagedDatabase(reused, () -> pool))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to another ScaleDeck process");
        }
        assertThat(database.running()).isTrue();
    }

    @Test
    void shouldReleaseTheLockWhenClosedWhileStopped(@TempDir Path otherHome) throws Exception {
        EmbeddedDatabase first = EmbeddedDatabase.startOrReuse(otherHome, p -> { });
        try (Connection c = DriverManager.getConnection(first.url().jdbcUrl(), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE survivor (n int)");
            s.execute("INSERT INTO survivor VALUES (7)");
        }
        first.stop();
        first.close();
        assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("it was closed");

        try (EmbeddedDatabase again = EmbeddedDatabase.startOrReuse(otherHome, p -> { })) {
            assertThat(again.owned()).isTrue();
            try (Connection c = DriverManager.getConnection(again.url().jdbcUrl(), "postgres", null)) {
                assertThat(query(c, "SELECT n FROM survivor")).isEqualTo("7");
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url().jdbcUrl(), EmbeddedDatabase.USER, null);
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        return Long.parseLong(query(c, sql));
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
