package dev.scaledeck.engine.pool;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a pooled connection. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
