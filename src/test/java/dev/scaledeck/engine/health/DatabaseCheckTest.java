package dev.scaledeck.engine.health;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseCheckTest {

    private final MutableClock clock = new MutableClock();
    private final List<ConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ConnectionPool::close);
    }

    private ConnectionPool pool(DatabaseUrl url, int max) {
        ConnectionPool pool = new ConnectionPool("health-test", url,
                new PoolConfig(0, max, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(1)),
                clock);
        pools.add(pool);
        return pool;
    }

    @Test
    void shouldBeUpWithTheSelectOneRoundTripOfARealDatabase() {
        DatabaseCheck check = new DatabaseCheck(pool(TestPostgres.freshDatabase(), 2), HealthConfig.defaults(), clock);

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.check()).isEqualTo("database");
        assertThat(result.message()).startsWith("SELECT 1 through the pool took ").endsWith("(limit 500 ms)");
        assertThat(result.details()).containsKeys("roundTripMillis", "directRoundTripMillis", "url");
        assertThat(result.time()).isEqualTo(clock.instant());
        assertThat(check.critical()).isTrue();
    }

    @Test
    void shouldBeDownWithAReadableReasonWithinTheTimeoutWhenNothingListens() {
        int port = TestHttpServer.closedPort();
        DatabaseUrl dead = DatabaseUrl.parse("postgres://app:s3cret@127.0.0.1:" + port + "/db");
        HealthConfig config = HealthConfig.defaults().withCheckTimeout(Duration.ofSeconds(2));
        DatabaseCheck check = new DatabaseCheck(pool(dead, 2), config, clock);

        long start = System.nanoTime();
        HealthResult result = check.check();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message())
                .isEqualTo("connection refused to 127.0.0.1:" + port + " (jdbc:postgresql://127.0.0.1:" + port + "/db)");
    }

    @Test
    void shouldNeverShowThePasswordOfAJdbcUrl() {
        int port = TestHttpServer.closedPort();
        DatabaseUrl dead = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/db?user=app&password=s3cret");

        HealthResult result = new DatabaseCheck(pool(dead, 1), HealthConfig.defaults(), clock).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).doesNotContain("s3cret").contains("password=****");
        assertThat(result.details().toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldBeDegradedWhenTheDatabaseAnswersButThePoolHasNoConnectionToGive() throws Exception {
        ConnectionPool pool = pool(TestPostgres.freshDatabase(), 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                pool.withConnection(c -> {
                    holding.countDown();
                    try {
                        return release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            HealthResult result = new DatabaseCheck(pool, HealthConfig.defaults().withCheckTimeout(Duration.ofSeconds(1)), clock)
                    .check();

            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.message()).contains("the database answers directly")
                    .contains("the pool gave no connection within 1 s (1/1 connections in use");
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
