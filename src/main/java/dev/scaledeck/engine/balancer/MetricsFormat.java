package dev.scaledeck.engine.balancer;

import java.util.Locale;

/** How an instance's {@code /metrics} is written. */
enum MetricsFormat {
    /** The sample service's JSON object. */
    JSON,
    /** Prometheus text exposition format 0.0.4. */
    PROMETHEUS,
    /** OpenMetrics text; timestamps in seconds. */
    OPENMETRICS;

    /**
     * The format by the response's Content-Type ({@code application/openmetrics-text},
     * {@code text/plain; version=0.0.4}, {@code application/json}) or, when that is absent or
     * says neither, by the body: JSON when its first non-blank character is <code>{</code>.
     *
     * @param contentType the Content-Type header, or null
     */
    static MetricsFormat detect(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("openmetrics")) {
            return OPENMETRICS;
        }
        if (type.contains("version=0.0.4")) {
            return PROMETHEUS;
        }
        if (type.contains("json")) {
            return JSON;
        }
        return body.stripLeading().startsWith("{") ? JSON : PROMETHEUS;
    }
}
