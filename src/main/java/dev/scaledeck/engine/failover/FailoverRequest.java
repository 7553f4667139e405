package dev.scaledeck.engine.failover;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request for whichever endpoint is active: method, path (with query) and body, but no host.
 * Immutable. GET, HEAD, PUT, DELETE and OPTIONS are idempotent and retried; POST and PATCH only
 * when {@link #markedSafeToRetry()} (say, they carry an idempotency key) or the configuration
 * allows it.
 *
 * @param method      HTTP method, upper case
 * @param path        path and query, starting with {@code /}
 * @param body        request body, or null for none
 * @param headers     request headers
 * @param safeToRetry the caller says repeating this request does no harm
 */
public record FailoverRequest(String method, String path, String body, Map<String, String> headers,
                              boolean safeToRetry) {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    public FailoverRequest {
        Objects.requireNonNull(method, "method");
        method = method.trim().toUpperCase(Locale.ROOT);
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', but was " + path);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static FailoverRequest get(String path) {
        return new FailoverRequest("GET", path, null, Map.of(), false);
    }

    public static FailoverRequest head(String path) {
        return new FailoverRequest("HEAD", path, null, Map.of(), false);
    }

    public static FailoverRequest delete(String path) {
        return new FailoverRequest("DELETE", path, null, Map.of(), false);
    }

    public static FailoverRequest put(String path, String body) {
        return new FailoverRequest("PUT", path, body, Map.of(), false);
    }

    public static FailoverRequest post(String path, String body) {
        return new FailoverRequest("POST", path, body, Map.of(), false);
    }

    /** The same request, which the caller declares safe to repeat. */
    public FailoverRequest markedSafeToRetry() {
        return new FailoverRequest(method, path, body, headers, true);
    }

    public FailoverRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FailoverRequest(method, path, body, more, safeToRetry);
    }

    /** Repeating it has the same effect as sending it once (RFC 9110 section 9.2.2). */
    public boolean idempotent() {
        return IDEMPOTENT.contains(method);
    }
}
