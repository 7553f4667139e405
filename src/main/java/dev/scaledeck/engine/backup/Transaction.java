package dev.scaledeck.engine.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One explicit transaction on an autocommit connection ({@code BEGIN ...}): rolled back on
 * close unless committed, so every way out of a restore that did not reach the end leaves
 * the database as it was. Not thread-safe.
 */
final class Transaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    private final Connection connection;
    private boolean open = true;

    private Transaction(Connection connection) {
        this.connection = connection;
    }

    /** @param mode what follows {@code BEGIN}, e.g. {@code ISOLATION LEVEL REPEATABLE READ READ ONLY}, or empty */
    static Transaction begin(Connection c, String mode) throws SQLException {
        BackupConnections.execute(c, mode.isEmpty() ? "BEGIN" : "BEGIN " + mode);
        return new Transaction(c);
    }

    void commit() throws SQLException {
        BackupConnections.execute(connection, "COMMIT");
        open = false;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            BackupConnections.execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            // The connection is most likely gone, and the server rolls back with it.
            LOG.debug("Rollback failed: {}", e.getMessage());
        }
    }
}
