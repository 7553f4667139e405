package dev.scaledeck.embedded;

import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.engine.recovery.ManagedDatabase;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The embedded PostgreSQL as the engine's recovery code sees it: stopped by database-down
 * drills, started by {@code start-database} steps. After a start the engine's pool drops its
 * old connections, whose sessions died with the server. Thread-safe (as {@link EmbeddedDatabase}).
 */
final class EmbeddedManagedDatabase implements ManagedDatabase {

    private final EmbeddedDatabase database;
    private final Supplier<ConnectionPool> pool;

    /**
     * @param database a database this process owns
     * @param pool     the engine's pool, asked after each start
     */
    EmbeddedManagedDatabase(EmbeddedDatabase database, Supplier<ConnectionPool> pool) {
        this.database = Objects.requireNonNull(database, "database");
        this.pool = Objects.requireNonNull(pool, "pool");
        if (!database.owned()) {
            throw new IllegalArgumentException("the embedded PostgreSQL in " + database.dataDirectory()
                    + " belongs to another ScaleDeck process; only its owner can stop and start it");
        }
    }

    @Override
    public boolean running() {
        return database.running();
    }

    @Override
    public void stop() throws Exception {
        database.stop();
    }

    @Override
    public void start() throws Exception {
        database.start();
        pool.get().resetConnections();
    }

    @Override
    public String toString() {
        return "ManagedDatabase[" + database + "]";
    }
}
