package dev.scaledeck.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code withConnection(SELECT 1)} through the engine's pool against a plain
 * {@link HikariDataSource} with the same settings, on the same embedded PostgreSQL, with the
 * same threads; rounds alternate so drift hits both. Target: ratio >= 0.97.
 */
final class PoolBenchmark {

    private static final int THREADS = 4;
    private static final int POOL = 4;
    private static final Duration ROUND = Duration.ofSeconds(3);
    private static final int ROUNDS = 9;

    private PoolBenchmark() {
    }

    interface Work {
        void selectOne() throws SQLException;
    }

    static void run() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DatabaseUrl url = DatabaseUrl.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
            PoolConfig config = new PoolConfig(POOL, POOL, Duration.ofSeconds(30), Duration.ofMinutes(5),
                    Duration.ofSeconds(60), Duration.ofSeconds(5));
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(url.jdbcUrl());
            hc.setUsername("postgres");
            hc.setMinimumIdle(POOL);
            hc.setMaximumPoolSize(POOL);
            try (ConnectionPool ours = new ConnectionPool("bench", url, config, Clock.systemUTC());
                 HikariDataSource plain = new HikariDataSource(hc)) {
                Work engine = () -> ours.withConnection(PoolBenchmark::select);
                Work reference = () -> {
                    try (Connection c = plain.getConnection()) {
                        select(c);
                    }
                };
                // Warm both paths (JIT, and every pooled connection's server process) in turns.
                for (int w = 0; w < 3; w++) {
                    measure(engine, Duration.ofSeconds(2));
                    measure(reference, Duration.ofSeconds(2));
                }
                double[] a = new double[ROUNDS];
                double[] b = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    if (r % 2 == 0) {
                        a[r] = measure(engine, ROUND);
                        b[r] = measure(reference, ROUND);
                    } else {
                        b[r] = measure(reference, ROUND);
                        a[r] = measure(engine, ROUND);
                    }
                }
                System.err.printf("pool rounds: ours %s, plain %s%n", java.util.Arrays.toString(a),
                        java.util.Arrays.toString(b));
                Bench.line("pool.withConnection.select1", Bench.median(a), "ops/s", "hikari.plain", Bench.median(b));
            }
        }
    }

    private static int select(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static double measure(Work work, Duration duration) throws InterruptedException {
        LongAdder ops = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        work.selectOne();
                        ops.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }, "bench-" + t);
            threads.add(thread);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(duration.toMillis());
        stop.set(true);
        done.await();
        return ops.sum() * 1e9 / (System.nanoTime() - start);
    }
}
