package dev.scaledeck.engine.config;

import java.time.Duration;

/**
 * The resource monitor: sampling interval and the seed's alert thresholds.
 *
 * @param interval            sampling interval
 * @param memoryAlertPercent  heap use above this raises an alert (seed: 90)
 * @param lagAlert            scheduler lag above this raises an alert (seed: 100 ms event-loop lag)
 */
public record MonitorConfig(Duration interval, double memoryAlertPercent, Duration lagAlert) {

    public static MonitorConfig defaults() {
        return new MonitorConfig(Duration.ofSeconds(1), 90, Duration.ofMillis(100));
    }
}
