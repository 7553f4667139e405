package dev.scaledeck.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Short-lived, unpooled connections to the embedded server, for setting it up and checking
 * that it answers. Stateless; thread-safe.
 */
final class ServerConnections {

    private static final String CONNECT_TIMEOUT_SECONDS = "5";

    private ServerConnections() {
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new connection as {@value EmbeddedDatabase#USER}; the caller closes it. */
    static Connection open(int port, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedDatabase.USER);
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "ScaleDeck embedded setup");
        return DriverManager.getConnection(jdbcUrl(port, database), properties);
    }

    /** @throws SQLException saying why, unless the database accepts a connection and answers {@code SELECT 1} */
    static void requireAnswer(int port, String database) throws SQLException {
        try (Connection connection = open(port, database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }
}
