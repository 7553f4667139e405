package dev.scaledeck.embedded;

import com.sun.net.httpserver.HttpExchange;
import dev.scaledeck.engine.pool.ConnectionPool;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/projects?user=ID}: the user's projects, newest id last, at most
 * {@value #LIMIT}; an unknown user has none. Thread-safe.
 */
final class ProjectsEndpoint implements Endpoint {

    static final int LIMIT = 200;
    private static final String SQL = "SELECT id, name, description, created_at FROM projects "
            + "WHERE user_id = ? ORDER BY id LIMIT " + LIMIT;

    private final Supplier<ConnectionPool> pool;

    ProjectsEndpoint(Supplier<ConnectionPool> pool) {
        this.pool = pool;
    }

    @Override
    public HttpResponse handle(HttpExchange exchange) {
        long user = HttpRequests.positiveId(HttpRequests.query(exchange), "user", true).getAsLong();
        try {
            return HttpResponse.ok(pool.get().withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setLong(1, user);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<Map<String, Object>> projects = new ArrayList<>();
                        while (rs.next()) {
                            Map<String, Object> project = new LinkedHashMap<>();
                            project.put("id", rs.getLong("id"));
                            project.put("name", rs.getString("name"));
                            project.put("description", rs.getString("description"));
                            Timestamp created = rs.getTimestamp("created_at");
                            project.put("createdAt", created == null ? null : created.toInstant().toString());
                            projects.add(project);
                        }
                        return projects;
                    }
                }
            }));
        } catch (SQLException e) {
            return HttpResponse.error(503, "database unavailable: " + e.getMessage());
        }
    }
}
