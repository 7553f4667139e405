package dev.scaledeck.embedded;

import java.util.Map;

/**
 * What an endpoint answers: a status and a body that Jackson writes as JSON. Immutable,
 * provided the body is.
 *
 * @param status  the HTTP status
 * @param body    written as JSON
 * @param headers extra response headers
 */
record HttpResponse(int status, Object body, Map<String, String> headers) {

    HttpResponse {
        headers = Map.copyOf(headers);
    }

    static HttpResponse ok(Object body) {
        return new HttpResponse(200, body, Map.of());
    }

    static HttpResponse error(int status, String message) {
        return new HttpResponse(status, Map.of("error", message), Map.of());
    }
}
