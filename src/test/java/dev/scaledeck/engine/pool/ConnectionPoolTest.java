package dev.scaledeck.engine.pool;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.MonitorConfig;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConnectionPoolTest {

    private static DatabaseUrl db;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
    }

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private ConnectionPool pool(int max, Duration acquireTimeout, Duration leak, Duration shutdown) {
        ConnectionPool pool = new ConnectionPool("test", db,
                new PoolConfig(1, max, acquireTimeout, Duration.ofMinutes(5), leak, shutdown), Clock.systemUTC());
        closeables.add(pool);
        return pool;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int selectOne(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void shouldServeConcurrentWorkWithinItsBoundsAndCountEveryAcquire() throws Exception {
        ConnectionPool pool = pool(4, Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5));
        AtomicInteger maxActiveSeen = new AtomicInteger();
        // Counted by the work itself, not by sampling the stats: a loaded machine's sampler can miss the peak.
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeldAtOnce = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            workers.add(threads.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    pool.withConnection(c -> {
                        mostHeldAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.002)");
                        } finally {
                            holding.decrementAndGet();
                        }
                        return null;
                    });
                }
                return null;
            }));
        }
        while (workers.stream().anyMatch(f -> !f.isDone())) {
            PoolStats s = pool.stats();
            maxActiveSeen.accumulateAndGet(s.active(), Math::max);
            assertThat(s.active()).isBetween(0, 4);
            assertThat(s.total()).isBetween(0, 4);
            Thread.onSpinWait();
        }
        for (Future<?> f : workers) {
            f.get();
        }
        PoolStats end = pool.stats();
        assertThat(end.acquired()).isEqualTo(320);
        assertThat(end.acquireTimeouts()).isZero();
        assertThat(end.active()).isZero();
        assertThat(end.waiting()).isZero();
        assertThat(end.max()).isEqualTo(4);
        assertThat(maxActiveSeen.get()).isBetween(0, 4);
        assertThat(mostHeldAtOnce.get()).isEqualTo(4);
        assertThat(end.acquireWaitP99()).isGreaterThanOrEqualTo(end.acquireWaitP50());
        assertThat(end.acquireWaitP99()).isPositive();
    }

    @Test
    void shouldCountAcquireTimeoutsAndReturnConnectionsAfterFailures() throws Exception {
        ConnectionPool pool = pool(1, Duration.ofMillis(250), Duration.ZERO, Duration.ofSeconds(5));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> pool.withConnection(c -> {
            holding.countDown();
            awaitQuietly(release);
            return null;
        }));
        holding.await();
        assertThatThrownBy(() -> pool.withConnection(ConnectionPoolTest::selectOne))
                .isInstanceOf(SQLTransientConnectionException.class);
        assertThat(pool.stats().acquireTimeouts()).isEqualTo(1);
        release.countDown();
        holder.get();

        assertThatThrownBy(() -> pool.withConnection(c -> {
            throw new SQLException("boom");
        })).hasMessage("boom");
        assertThat(pool.withConnection(ConnectionPoolTest::selectOne)).isEqualTo(1);
        assertThat(pool.stats().active()).isZero();
    }

    @Test
    void shouldRaiseExhaustionAlertWhileCallersQueueAndClearItWhenTheyAreServed() throws Exception {
        ConnectionPool pool = pool(2, Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5));
        EventJournal journal = new EventJournal(100, null);
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), journal, 10);
        ResourceMonitor monitor = new ResourceMonitor(pool, alerts, MonitorConfig.defaults(), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            threads.submit(() -> pool.withConnection(c -> {
                held.countDown();
                awaitQuietly(release);
                return null;
            }));
        }
        held.await();
        Future<Integer> queued = threads.submit(() -> pool.withConnection(ConnectionPoolTest::selectOne));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().waiting() == 1);

        monitor.sample(Duration.ZERO);
        assertThat(alerts.isActive(ResourceMonitor.ALERT_POOL_EXHAUSTED)).isTrue();
        assertThat(alerts.active().get(0).message()).contains("all 2 connections busy, 1 caller(s) waiting");

        release.countDown();
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        monitor.sample(Duration.ZERO);
        assertThat(alerts.isActive(ResourceMonitor.ALERT_POOL_EXHAUSTED)).isFalse();
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsSubsequence("raised", "cleared");
    }

    @Test
    void shouldRaiseExhaustionAlertOnAnAcquireTimeoutEvenWhenNobodyWaitsAnyMore() throws Exception {
        ConnectionPool pool = pool(1, Duration.ofMillis(250), Duration.ZERO, Duration.ofSeconds(5));
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), new EventJournal(10, null), 10);
        ResourceMonitor monitor = new ResourceMonitor(pool, alerts, MonitorConfig.defaults(), Clock.systemUTC());
        monitor.sample(Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        threads.submit(() -> pool.withConnection(c -> {
            held.countDown();
            awaitQuietly(release);
            return null;
        }));
        held.await();
        assertThatThrownBy(() -> pool.withConnection(ConnectionPoolTest::selectOne))
                .isInstanceOf(SQLTransientConnectionException.class);
        release.countDown();
        await().until(() -> pool.stats().active() == 0);

        monitor.sample(Duration.ZERO);
        assertThat(alerts.active()).singleElement().satisfies(a -> assertThat(a.message()).contains("1 caller(s) timed out"));
        monitor.sample(Duration.ZERO);
        assertThat(alerts.active()).isEmpty();
    }

    @Test
    void shouldLetInFlightWorkFinishOnShutdownAndRefuseNewWork() throws Exception {
        ConnectionPool pool = pool(2, Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(20));
        CountDownLatch started = new CountDownLatch(1);
        Future<Integer> work = threads.submit(() -> pool.withConnection(c -> {
            started.countDown();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_sleep(0.5), 42")) {
                rs.next();
                return rs.getInt(2);
            }
        }));
        started.await();
        pool.close();
        assertThat(work.isDone()).isTrue();
        assertThat(work.get()).isEqualTo(42);
        assertThat(pool.stats().closed()).isTrue();
        assertThatThrownBy(() -> pool.withConnection(ConnectionPoolTest::selectOne))
                .isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("shutting down");
    }

    @Test
    void shouldStopWaitingForInFlightWorkAfterTheShutdownBound() throws Exception {
        ConnectionPool pool = pool(2, Duration.ofSeconds(5), Duration.ZERO, Duration.ofMillis(300));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> work = threads.submit(() -> pool.withConnection(c -> {
            started.countDown();
            awaitQuietly(release);
            return null;
        }));
        started.await();
        pool.close();
        assertThat(work.isDone()).as("close returned while the work still ran").isFalse();
        assertThat(pool.inFlight()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void shouldWarnOnceAboutEachConnectionHeldBeyondTheLeakThreshold() throws Exception {
        ConnectionPool pool = pool(2, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5));
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), new EventJournal(10, null), 10);
        ResourceMonitor monitor = new ResourceMonitor(pool, alerts, MonitorConfig.defaults(), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                pool.withConnection(c -> {
                    awaitQuietly(release);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.sample(Duration.ZERO).leaksHeld() == 1);
        monitor.sample(Duration.ZERO);
        assertThat(pool.stats().leakWarnings()).isEqualTo(1);
        assertThat(alerts.isActive(ResourceMonitor.ALERT_POOL_LEAK)).isTrue();
        release.countDown();
        holder.get();
        monitor.sample(Duration.ZERO);
        assertThat(alerts.isActive(ResourceMonitor.ALERT_POOL_LEAK)).isFalse();
        assertThat(pool.stats().leakWarnings()).isEqualTo(1);
    }

    @Test
    void shouldNeverShowThePasswordInStatsOrErrors() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DatabaseUrl secret = DatabaseUrl.parse("postgres://app:TopSecret42@127.0.0.1:" + closedPort + "/nope");
        ConnectionPool pool = new ConnectionPool("secret", secret,
                PoolConfig.defaults().withAcquireTimeout(Duration.ofMillis(300)), Clock.systemUTC());
        closeables.add(pool);
        assertThat(pool.maskedUrl()).doesNotContain("TopSecret42").contains("****");
        assertThat(pool.stats().toString()).doesNotContain("TopSecret42");
        assertThatThrownBy(() -> pool.withConnection(ConnectionPoolTest::selectOne))
                .isInstanceOf(SQLTransientConnectionException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause()).doesNotContain("TopSecret42"));
        assertThat(pool.ping(Duration.ofMillis(300))).isFalse();
    }
}
