package dev.scaledeck.engine.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of one health check at one point in time. Immutable.
 *
 * @param check   the check's name
 * @param status  UP, DEGRADED or DOWN
 * @param message one line for a person, with the measured value and the limit
 *                ("heap 91.0 % used (930 MiB of 1.0 GiB), above the 85.0 % limit")
 * @param latency how long the check took
 * @param time    when it was measured (engine clock)
 * @param details measured figures by name, for display (no null values)
 */
public record HealthResult(String check, HealthStatus status, String message, Duration latency, Instant time,
                           Map<String, Object> details) {

    public HealthResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(time, "time");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static HealthResult of(String check, HealthStatus status, String message, Duration latency, Instant time) {
        return new HealthResult(check, status, message, latency, time, Map.of());
    }

    public boolean isUp() {
        return status == HealthStatus.UP;
    }
}
