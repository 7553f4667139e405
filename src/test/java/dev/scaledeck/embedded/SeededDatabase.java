package dev.scaledeck.embedded;

import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.testsupport.TestPostgres;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One fresh database, given the sample schema and data by {@link SampleSchema#ensure} once
 * per test JVM, for this package's tests: seeding takes a few seconds, and the tests only
 * read the sample rows and add conversions. The pool lives as long as the JVM.
 */
final class SeededDatabase {

    private static final List<String> PROGRESS = new CopyOnWriteArrayList<>();
    private static ConnectionPool pool;

    private SeededDatabase() {
    }

    static synchronized ConnectionPool pool() {
        if (pool == null) {
            ConnectionPool created = new ConnectionPool("sample-test", TestPostgres.freshDatabase(),
                    PoolConfig.defaults(), Clock.systemUTC());
            try {
                SampleSchema.ensure(created, PROGRESS::add);
            } catch (SQLException e) {
                created.close();
                throw new IllegalStateException("cannot seed the sample schema", e);
            }
            pool = created;
        }
        return pool;
    }

    /** What the first {@link SampleSchema#ensure} reported. */
    static List<String> seedingProgress() {
        pool();
        return List.copyOf(PROGRESS);
    }
}
