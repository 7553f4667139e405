package dev.scaledeck.embedded;

import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Reading what a client sent: query parameters and a bounded body. Stateless; thread-safe. */
final class HttpRequests {

    /** Thrown for input the client must fix; the router answers it with its status and message. */
    static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private HttpRequests() {
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "malformed query string: " + e.getMessage());
        }
    }

    /**
     * The positive whole number in query parameter {@code name}; empty when it is absent and
     * optional.
     *
     * @throws BadRequest (400) when it is required and absent, or not a positive whole number
     */
    static OptionalLong positiveId(Map<String, String> query, String name, boolean required) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            if (required) {
                throw new BadRequest(400, "query parameter '" + name + "' is required, e.g. ?" + name + "=42");
            }
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return OptionalLong.of(id);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(400, "query parameter '" + name + "' must be a positive whole number, but was '"
                + value + "'");
    }

    /** The request body as UTF-8 text. @throws BadRequest (413) when it is longer than {@code maxBytes} */
    static String body(HttpExchange exchange, int maxBytes) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new BadRequest(413, "request body is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
