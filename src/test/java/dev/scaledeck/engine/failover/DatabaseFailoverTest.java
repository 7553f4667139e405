package dev.scaledeck.engine.failover;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.pool.PoolStats;
import dev.scaledeck.testsupport.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover between two real PostgreSQL servers: a primary this test starts, stops and starts
 * again on the same port, and the shared test server as the secondary.
 */
class DatabaseFailoverTest {

    private static EmbeddedPostgres primaryServer;
    private static int primaryPort;
    private static DatabaseUrl primaryUrl;
    private static DatabaseUrl secondaryUrl;

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);

    @BeforeAll
    static void startServers() throws IOException {
        primaryServer = EmbeddedPostgres.builder().start();
        primaryPort = primaryServer.getPort();
        primaryUrl = DatabaseUrl.of("jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres", "postgres", null);
        secondaryUrl = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void stopPrimary() throws IOException {
        if (primaryServer != null) {
            primaryServer.close();
        }
    }

    private DatabaseFailover failover() {
        PoolConfig pool = new PoolConfig(1, 4, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofSeconds(2));
        FailoverConfig config = FailoverConfig.defaults().withThresholds(3, 5)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
        return new DatabaseFailover("db", primaryUrl, secondaryUrl, pool, config, clock, journal);
    }

    private static int serverPort(DatabaseFailover failover) throws SQLException {
        return failover.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW port")) {
                rs.next();
                return Integer.parseInt(rs.getString(1));
            }
        });
    }

    private void checks(DatabaseFailover failover, int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(5));
            failover.checkNow();
        }
    }

    private List<EngineEvent> failoverEvents() {
        return journal.recent(100).stream().filter(e -> e.category().equals("failover")).toList();
    }

    /** Sessions on the secondary's database other than the one asking: what the failover's pools hold open. */
    private static int sessionsOnSecondary() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = new org.postgresql.Driver().connect(secondaryUrl.jdbcUrl(), props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertClosedWithNothingHeld(ConnectionPool pool) {
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().closed());
        PoolStats stats = pool.stats();
        assertThat(stats.active()).isZero();
        assertThat(stats.total()).isZero();
        assertThat(pool.inFlight()).isZero();
    }

    @Test
    void shouldFailOverWhenThePrimaryStopsAndFailBackAfterFiveHealthyChecksWhenItReturns() throws Exception {
        try (DatabaseFailover failover = failover()) {
            checks(failover, 1);
            assertThat(serverPort(failover)).isEqualTo(primaryPort);
            ConnectionPool primaryPool = failover.pool();

            // Work in flight on the primary when it goes away gets a clear SQLException, not a hang.
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Object> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return failover.withConnection(c -> {
                        running.countDown();
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(30)");
                        }
                        return "finished";
                    });
                } catch (SQLException e) {
                    return e;
                }
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            primaryServer.close();
            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);

            checks(failover, 2);
            assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_PRIMARY);
            checks(failover, 1);

            assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_SECONDARY);
            assertThat(failover.activeUrl()).isEqualTo(secondaryUrl);
            assertThat(failover.pool()).isNotSameAs(primaryPool);
            assertThat(serverPort(failover)).isEqualTo(TestPostgres.server().getPort());
            assertClosedWithNothingHeld(primaryPool);
            assertThat(failoverEvents()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("failover");
                assertThat(e.message()).contains("connection refused to 127.0.0.1:" + primaryPort);
            });

            // The primary comes back on the same port; the work returns only after five healthy checks.
            primaryServer = EmbeddedPostgres.builder().setPort(primaryPort).start();
            ConnectionPool secondaryPool = failover.pool();
            checks(failover, 4);
            assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_SECONDARY);
            assertThat(sessionsOnSecondary()).isPositive();
            // Work in flight on the secondary when the work moves back finishes before its pool closes.
            CountDownLatch draining = new CountDownLatch(1);
            CompletableFuture<Object> slowWork = CompletableFuture.supplyAsync(() -> {
                try {
                    return failover.withConnection(c -> {
                        draining.countDown();
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.5)");
                        }
                        return "finished on " + c.getMetaData().getURL();
                    });
                } catch (SQLException e) {
                    return e;
                }
            });
            assertThat(draining.await(10, TimeUnit.SECONDS)).isTrue();
            checks(failover, 1);

            assertThat(failover.snapshot().state()).isEqualTo(FailoverState.ON_PRIMARY);
            assertThat(serverPort(failover)).isEqualTo(primaryPort);
            assertThat(slowWork.get(10, TimeUnit.SECONDS)).asString().startsWith("finished on ")
                    .contains(":" + TestPostgres.server().getPort() + "/");
            assertClosedWithNothingHeld(secondaryPool);
            await().atMost(Duration.ofSeconds(10)).until(() -> sessionsOnSecondary() == 0);
            assertThat(failoverEvents()).extracting(EngineEvent::type).containsExactly("failover", "failback");
        }
    }

    @Test
    void closingShouldCloseTheCurrentPool() throws Exception {
        DatabaseFailover failover = failover();
        ConnectionPool pool = failover.pool();

        failover.close();
        failover.close();

        assertClosedWithNothingHeld(pool);
    }
}
