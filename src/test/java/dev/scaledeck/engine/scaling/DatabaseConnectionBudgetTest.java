package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.testsupport.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection budget against a real PostgreSQL whose max_connections is lowered to 30. */
class DatabaseConnectionBudgetTest {

    private static EmbeddedPostgres server;
    private static ConnectionPool pool;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "30")
                .setServerConfig("superuser_reserved_connections", "3").start();
        pool = new ConnectionPool("budget-test", DatabaseUrl.of(server.getJdbcUrl("postgres", "postgres"), "postgres", null),
                PoolConfig.defaults(), java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:00Z"));

    @Test
    void shouldReadMaxConnectionsAndTheReservedOnesFromTheDatabase() {
        DatabaseConnectionBudget budget = new DatabaseConnectionBudget(() -> pool, 5, 4, clock);

        ConnectionBudget.Limit limit = budget.limit().orElseThrow();

        assertThat(limit.maxConnections()).isEqualTo(30);
        assertThat(limit.reservedBySystem()).isEqualTo(3);
        // (30 - 3 - 4) / 5 = 4 instances
        assertThat(limit.available()).isEqualTo(23);
        assertThat(limit.maxReplicas()).isEqualTo(4);
    }

    @Test
    void theAutoScalerShouldRefuseToGrowPastTheBudgetWithTheReason() {
        ReplicaCounter platform = new ReplicaCounter(3);
        EventJournal journal = new EventJournal(100, null);
        AutoScaler scaler = new AutoScaler(Rules.targetCpu(50), ScalingMode.APPLY, Duration.ofSeconds(15),
                new MetricsSource() {
                    @Override
                    public String name() {
                        return "test";
                    }

                    @Override
                    public List<InstanceMetrics> collect() {
                        return List.of();
                    }
                }, new DatabaseConnectionBudget(() -> pool, 5, 4, clock), () -> Optional.of(platform), journal,
                new AlertCenter(clock, journal, 10), clock, new PlatformCalls(1, Duration.ZERO, d -> { }));
        for (String id : List.of("a", "b", "c")) {
            scaler.add(new InstanceMetrics(id, clock.instant(), 100, Double.NaN, Double.NaN, Double.NaN));
        }

        // 3 at 100 % of a 50 % target wants 6; the budget allows 4.
        ScalingDecision cut = scaler.evaluate();
        clock.advance(Duration.ofSeconds(15));
        for (String id : List.of("a", "b", "c", "d")) {
            scaler.add(new InstanceMetrics(id, clock.instant(), 100, Double.NaN, Double.NaN, Double.NaN));
        }
        ScalingDecision refused = scaler.evaluate();

        assertThat(cut.desired()).isEqualTo(4);
        assertThat(cut.applied()).isTrue();
        assertThat(cut.reason()).contains("cut to 4 by the connection budget: 6 x 5 connections = 30 > 23 available "
                + "(max_connections 30 - 3 reserved - 4 reserve)");
        assertThat(refused.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(refused.reason()).contains("refused by the connection budget: 8 x 5 connections = 40 > 23 available");
        assertThat(platform.calls).containsExactly(4);
    }

    @Test
    void shouldKeepTheLastBudgetWhenTheDatabaseCannotBeAskedAndSayWhenNoneIsKnown() {
        PoolConfig quick = PoolConfig.defaults().withAcquireTimeout(Duration.ofMillis(250));
        ConnectionPool nowhere = new ConnectionPool("nowhere", DatabaseUrl.of("jdbc:postgresql://127.0.0.1:1/none",
                "postgres", null), new PoolConfig(0, 2, quick.acquireTimeout(), quick.idleTimeout(),
                quick.leakDetection(), Duration.ofSeconds(1)), java.time.Clock.systemUTC());
        try (nowhere) {
            DatabaseConnectionBudget unknown = new DatabaseConnectionBudget(() -> nowhere, 5, 4, clock);
            assertThat(unknown.limit()).isEmpty();

            ConnectionPool[] current = {pool};
            DatabaseConnectionBudget known = new DatabaseConnectionBudget(() -> current[0], 5, 4, clock);
            assertThat(known.limit()).get().extracting(ConnectionBudget.Limit::maxReplicas).isEqualTo(4);
            current[0] = nowhere;
            clock.advance(Duration.ofMinutes(1));
            assertThat(known.limit()).get().extracting(ConnectionBudget.Limit::maxReplicas).isEqualTo(4);
        }
    }
}
