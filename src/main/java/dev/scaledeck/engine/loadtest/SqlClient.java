package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.util.NamedThreads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a run's SQL statement through the engine's connection pool, on threads of its own (one
 * per unit of concurrency, since JDBC blocks), reading every row of every result. A pool acquire
 * timeout or any other {@link SQLException} is an OTHER error; a statement cancelled by its query
 * timeout (the request's timeout) is a TIMEOUT. A request whose connection took longer than
 * {@link #POOL_WAIT} to acquire counts as a pool wait. Thread-safe.
 */
final class SqlClient implements TargetClient {

    /** Acquiring an idle connection takes microseconds; longer means the caller queued for one. */
    static final Duration POOL_WAIT = Duration.ofMillis(1);
    private static final String QUERY_CANCELED = "57014";

    private final ConnectionPool pool;
    private final String statement;
    private final int queryTimeoutSeconds;
    private final ExecutorService threads;
    private final LongAdder poolWaits = new LongAdder();

    SqlClient(ConnectionPool pool, String statement, Duration timeout, int concurrency, String runId) {
        this.pool = pool;
        this.statement = statement;
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        this.threads = Executors.newFixedThreadPool(concurrency, new NamedThreads("scaledeck-loadtest-sql-" + runId));
    }

    @Override
    public void send(Completion completion) {
        try {
            threads.execute(() -> run(completion));
        } catch (RejectedExecutionException e) {
            completion.failed(null, ErrorKind.OTHER);
        }
    }

    private void run(Completion completion) {
        long asked = System.nanoTime();
        try {
            pool.withConnection(connection -> {
                if (System.nanoTime() - asked > POOL_WAIT.toNanos()) {
                    poolWaits.increment();
                }
                try (Statement s = connection.createStatement()) {
                    s.setQueryTimeout(queryTimeoutSeconds);
                    readAll(s, s.execute(statement));
                }
                return null;
            });
            completion.answered(null, NO_STATUS, null);
        } catch (SQLException e) {
            boolean timedOut = e instanceof SQLTimeoutException || QUERY_CANCELED.equals(e.getSQLState());
            completion.failed(null, timedOut ? ErrorKind.TIMEOUT : ErrorKind.OTHER);
        } catch (RuntimeException e) {
            completion.failed(null, ErrorKind.OTHER);
        }
    }

    private static void readAll(Statement s, boolean resultSet) throws SQLException {
        boolean more = resultSet;
        while (more || s.getUpdateCount() != -1) {
            if (more) {
                try (ResultSet rows = s.getResultSet()) {
                    while (rows.next()) {
                        // reading the rows is part of the load
                    }
                }
            }
            more = s.getMoreResults();
        }
    }

    @Override
    public long poolWaits() {
        return poolWaits.sum();
    }

    /** Interrupts statements waiting for a connection; running ones end by themselves, unrecorded. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
