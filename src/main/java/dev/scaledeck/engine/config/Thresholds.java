package dev.scaledeck.engine.config;

import java.time.Duration;

/**
 * One set of the auto-scaler's thresholds (the seed's {@code scaleUpThreshold} or {@code scaleDownThreshold}).
 *
 * @param cpuPercent    CPU use, 0..100
 * @param memoryPercent memory use, 0..100
 * @param connections   active connections per instance
 * @param responseTime  response time
 */
public record Thresholds(double cpuPercent, double memoryPercent, int connections, Duration responseTime) {
}
