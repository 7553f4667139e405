package dev.scaledeck.engine.loadtest;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The request each virtual user or arrival sends (HTTP targets). Immutable.
 *
 * @param method  GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS
 * @param headers extra headers
 * @param body    the body, or null for none
 * @param timeout an answer that takes longer is a timeout error
 */
public record RequestSpec(String method, Map<String, String> headers, String body, Duration timeout) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    public RequestSpec {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, "
                    + "but was " + method);
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be longer than 0, but was " + timeout);
        }
    }

    /** {@code GET}, no headers, no body, 10 s timeout. */
    public static RequestSpec get() {
        return new RequestSpec("GET", Map.of(), null, Duration.ofSeconds(10));
    }
}
