package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.scaledeck.engine.loadtest.Plans.users;
import static org.assertj.core.api.Assertions.assertThat;

/** The SQL target through a real pool on the embedded PostgreSQL. */
class SqlTargetTest {

    private static ConnectionPool pool;
    private final LoadTester tester = new LoadTester(() -> pool, null, Clock.systemUTC(), new InMemorySink());

    @BeforeAll
    static void tinyPool() {
        DatabaseUrl db = TestPostgres.freshDatabase();
        pool = new ConnectionPool("loadtest", db, new PoolConfig(1, 2, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ZERO, Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @AfterEach
    void tearDown() {
        tester.close();
    }

    private static LoadTestPlan sql(String statement, Duration duration) {
        return new LoadTestPlan("sql", new LoadTarget.Sql(statement), users(20, Duration.ZERO), duration,
                RequestSpec.get(), List.of(new Check.Status(200)), List.of(Threshold.parse("error_rate<1%")), false);
    }

    @Test
    void twentyUsersOnTwoConnectionsShouldCountThePoolWaits() throws Exception {
        LoadTestReport report = tester.start(sql("SELECT pg_sleep(0.01)", Duration.ofSeconds(3)))
                .report().get(20, TimeUnit.SECONDS);

        System.out.printf("sql: %d statements (%.1f/s), %d pool waits, p50 %.1f ms, errors %s%n", report.requests(),
                report.requestsPerSecond(), report.poolWaits(), report.latency().p50(), report.errors());
        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.errorCount()).isZero();
        assertThat(report.requests()).isPositive();
        assertThat(report.poolWaits()).isGreaterThan(report.requests() / 2);
        assertThat(report.timeline().get(1).poolWaits()).isPositive();
        // 20 users share 2 connections: each waits for ~9 others' 10 ms statements
        assertThat(report.latency().p50()).isGreaterThan(50);
        assertThat(report.checksPassed() + report.checksFailed()).as("checks apply to HTTP answers only").isZero();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aBrokenStatementShouldCountAsOtherErrors() throws Exception {
        LoadTestReport report = tester.start(sql("SELECT * FROM no_such_table", Duration.ofSeconds(1)))
                .report().get(20, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.requests()).isPositive();
        assertThat(report.errors().get(ErrorKind.OTHER)).isEqualTo(report.requests());
    }
}
