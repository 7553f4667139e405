package dev.scaledeck.engine.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The application's health at one point in time: a snapshot, immutable, taken after a round of
 * checks. Maps keep the order in which checks were registered.
 *
 * @param time    when the round finished (engine clock)
 * @param status  DOWN if a critical check is DOWN, DEGRADED if any check is not UP, else UP
 *                (UP with no checks registered)
 * @param checks  each check's latest result, by name
 * @param history each check's recent results, oldest first, at most {@link HealthConfig#historySize()}
 */
public record HealthReport(Instant time, HealthStatus status, Map<String, HealthResult> checks,
                           Map<String, List<HealthResult>> history) {

    public HealthReport {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        Map<String, List<HealthResult>> copy = new LinkedHashMap<>();
        history.forEach((name, results) -> copy.put(name, List.copyOf(results)));
        history = Collections.unmodifiableMap(copy);
    }

    public Optional<HealthResult> result(String check) {
        return Optional.ofNullable(checks.get(check));
    }

    /** Names of the checks that are not UP, in registration order. */
    public List<String> failing() {
        return checks.values().stream().filter(r -> !r.isUp()).map(HealthResult::check).toList();
    }
}
