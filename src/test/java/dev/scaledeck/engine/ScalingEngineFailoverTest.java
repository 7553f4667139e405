package dev.scaledeck.engine;

import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.failover.FailoverState;
import dev.scaledeck.engine.health.HealthStatus;
import dev.scaledeck.testsupport.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The running engine moves its pool to the standby database when the primary stops answering. */
class ScalingEngineFailoverTest {

    @TempDir
    Path home;

    private static int serverPort(ScalingEngine engine) throws Exception {
        return engine.pool().withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW port")) {
                rs.next();
                return Integer.parseInt(rs.getString(1));
            }
        });
    }

    @Test
    void shouldFailOverToTheStandbyDatabaseAndKeepEveryPartOfTheEngineOnIt() throws Exception {
        EmbeddedPostgres primary = EmbeddedPostgres.builder().start();
        DatabaseUrl primaryUrl = DatabaseUrl.of(primary.getJdbcUrl("postgres", "postgres"), "postgres", null);
        DatabaseUrl standby = TestPostgres.freshDatabase();
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "DATABASE_URL", primaryUrl.jdbcUrl(), "DATABASE_SECONDARY_URL", standby.jdbcUrl(),
                "LOAD_BALANCER_INSTANCES", "[]", "SCALEDECK_FAILOVER_AFTER", "2",
                "SCALEDECK_FAILOVER_CHECK_INTERVAL", "200ms", "SCALEDECK_POOL_SHUTDOWN_TIMEOUT", "1s"), Map.of());
        try (ScalingEngine engine = ScalingEngine.start(config, primaryUrl, List.of(), Clock.systemUTC())) {
            assertThat(serverPort(engine)).isEqualTo(primary.getPort());
            assertThat(engine.databaseFailover()).hasValueSatisfying(f -> assertThat(f.state()).isEqualTo(FailoverState.ON_PRIMARY));

            primary.close();

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    engine.databaseFailover().orElseThrow().state() == FailoverState.ON_SECONDARY);
            assertThat(serverPort(engine)).isEqualTo(TestPostgres.server().getPort());
            assertThat(engine.pool().maskedUrl()).contains(":" + TestPostgres.server().getPort() + "/");
            assertThat(engine.health().checkNow().result("database").orElseThrow().status()).isEqualTo(HealthStatus.UP);
            assertThat(engine.resources().sample(Duration.ZERO).pool().closed()).isFalse();
            assertThat(engine.journal().recent(100)).filteredOn(e -> e.category().equals("failover"))
                    .extracting(EngineEvent::type).contains("failover");
        }
    }
}
