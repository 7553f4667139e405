package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;

import java.util.List;
import java.util.Objects;

/**
 * database-down: a fast shutdown of the managed database server, as a crash of the server
 * process would be. A marker committed just before measures whether committed data survived;
 * the cleanup starts the server if the plan did not. Not thread-safe: one run thread uses it.
 */
final class DatabaseDownDrill extends MarkedDrill {

    private final ManagedDatabase database;

    DatabaseDownDrill(ScalingEngine engine, ManagedDatabase database) {
        super(engine);
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public String describe() {
        return "Stops the database server " + engine.pool().maskedUrl() + " (a fast shutdown, as a crash of the server"
                + " process); a marker row committed just before measures the data lost";
    }

    @Override
    void check() {
        if (!database.running()) {
            throw new IllegalStateException("the database is not running; start it before drilling database-down");
        }
    }

    @Override
    void injectFault() throws Exception {
        database.stop();
    }

    @Override
    void undo(List<String> done) {
        if (database.running()) {
            return;
        }
        try {
            database.start();
            done.add("started the database again (the plan left it down)");
        } catch (Exception e) {
            done.add("could not start the database again: " + e.getMessage());
        }
    }
}
