package dev.scaledeck.embedded;

import com.sun.net.httpserver.HttpExchange;
import dev.scaledeck.engine.pool.ConnectionPool;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@code POST /api/convert[?language=javascript][&user=ID]} with an n8n workflow as the body:
 * answers the generated code, or 400 with what is wrong with the workflow. With {@code user},
 * the conversion (completed or failed) is also recorded in {@code conversions}. Thread-safe.
 */
final class ConvertEndpoint implements Endpoint {

    static final int MAX_BODY_BYTES = 1 << 20;
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String INSERT = "INSERT INTO conversions (user_id, status, language, generated_code, duration_ms) "
            + "VALUES (?, ?, ?, ?, ?)";

    private final Supplier<ConnectionPool> pool;
    private final WorkflowConverter converter;

    ConvertEndpoint(Supplier<ConnectionPool> pool, WorkflowConverter converter) {
        this.pool = pool;
        this.converter = converter;
    }

    @Override
    public HttpResponse handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = HttpRequests.query(exchange);
        OptionalLong user = HttpRequests.positiveId(query, "user", false);
        CodeLanguage language = language(query);
        String body = HttpRequests.body(exchange, MAX_BODY_BYTES);
        long start = System.nanoTime();
        Conversion conversion;
        try {
            conversion = converter.convert(body, language);
        } catch (IllegalArgumentException e) {
            HttpResponse rejected = HttpResponse.error(400, e.getMessage());
            return user.isPresent() ? record(user.getAsLong(), language, null, elapsedMillis(start), rejected) : rejected;
        }
        double millis = elapsedMillis(start);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("language", language.id());
        answer.put("code", conversion.code());
        answer.put("nodes", conversion.nodes());
        answer.put("durationMs", Math.round(millis * 1000) / 1000.0);
        HttpResponse ok = HttpResponse.ok(answer);
        return user.isPresent() ? record(user.getAsLong(), language, conversion.code(), millis, ok) : ok;
    }

    private static CodeLanguage language(Map<String, String> query) {
        try {
            return query.containsKey("language") ? CodeLanguage.parse(query.get("language")) : CodeLanguage.TYPESCRIPT;
        } catch (IllegalArgumentException e) {
            throw new HttpRequests.BadRequest(400, e.getMessage());
        }
    }

    /** Stores the conversion, then gives {@code answer}; or says why it could not be stored. */
    private HttpResponse record(long user, CodeLanguage language, String code, double millis, HttpResponse answer) {
        try {
            pool.get().withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setLong(1, user);
                    ps.setString(2, code == null ? "failed" : "completed");
                    ps.setString(3, language.id());
                    ps.setString(4, code);
                    ps.setInt(5, (int) Math.ceil(millis));
                    return ps.executeUpdate();
                }
            });
            return answer;
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                return HttpResponse.error(404, "no user with id " + user);
            }
            return HttpResponse.error(503, "database unavailable: " + e.getMessage());
        }
    }

    private static double elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
