package dev.scaledeck.engine.config;

import java.time.Duration;

/**
 * The resource monitor: sampling interval and the seed's alert thresholds.
 *
 * @param interval            sampling interval
 * @param memoryAlertPercent  heap use above this raises an alert (seed: 90)
 * @param lagAlert            scheduler lag above this raises an alert (seed: 100 ms event-loop lag)
 * @param loadTestLatency     a running load test whose p99 over the last second is above this raises an alert
 */
public record MonitorConfig(Duration interval, double memoryAlertPercent, Duration lagAlert, Duration loadTestLatency) {

    public MonitorConfig(Duration interval, double memoryAlertPercent, Duration lagAlert) {
        this(interval, memoryAlertPercent, lagAlert, Duration.ofSeconds(2));
    }

    public static MonitorConfig defaults() {
        return new MonitorConfig(Duration.ofSeconds(1), 90, Duration.ofMillis(100), Duration.ofSeconds(2));
    }
}
