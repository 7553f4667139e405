package dev.scaledeck.engine.health;

import java.time.Duration;

/**
 * Health check settings. Immutable; every value is checked here, with a message naming the
 * field, the value and what is allowed.
 *
 * <p>Disk space is DEGRADED (or DOWN) when the free space falls below <em>either</em> its
 * percentage <em>or</em> its absolute limit, so a small volume is judged by bytes and a large one
 * by share. A limit of 0 turns that half off.
 *
 * @param checkInterval           time between periodic rounds (the seed's 30 s)
 * @param checkTimeout            a check that has not answered by then is DOWN
 * @param historySize             results kept per check
 * @param memoryDegradedPercent   heap use (of the maximum) from which memory is DEGRADED
 * @param memoryDownPercent       heap use from which memory is DOWN
 * @param diskFreeDegradedPercent free disk share below which disk is DEGRADED
 * @param diskFreeDownPercent     free disk share below which disk is DOWN
 * @param diskFreeDegradedBytes   free bytes below which disk is DEGRADED
 * @param diskFreeDownBytes       free bytes below which disk is DOWN
 * @param databaseDegradedAbove   a {@code SELECT 1} round trip slower than this is DEGRADED
 * @param httpDegradedAbove       an HTTP service answering slower than this is DEGRADED
 */
public record HealthConfig(Duration checkInterval, Duration checkTimeout, int historySize,
                           double memoryDegradedPercent, double memoryDownPercent,
                           double diskFreeDegradedPercent, double diskFreeDownPercent,
                           long diskFreeDegradedBytes, long diskFreeDownBytes,
                           Duration databaseDegradedAbove, Duration httpDegradedAbove) {

    public static final long GIB = 1024L * 1024 * 1024;
    public static final long MIB = 1024L * 1024;

    public static HealthConfig defaults() {
        return new HealthConfig(Duration.ofSeconds(30), Duration.ofSeconds(5), 100,
                85, 95, 10, 5, GIB, 256 * MIB,
                Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    public HealthConfig {
        positive("checkInterval", checkInterval);
        positive("checkTimeout", checkTimeout);
        if (historySize < 1 || historySize > 10_000) {
            throw new IllegalArgumentException("historySize must be between 1 and 10000, but was " + historySize);
        }
        if (!(memoryDegradedPercent > 0 && memoryDegradedPercent <= 100)) {
            throw new IllegalArgumentException("memoryDegradedPercent must be greater than 0 and at most 100, but was "
                    + memoryDegradedPercent);
        }
        if (!(memoryDownPercent >= memoryDegradedPercent && memoryDownPercent <= 100)) {
            throw new IllegalArgumentException("memoryDownPercent must be between memoryDegradedPercent ("
                    + memoryDegradedPercent + ") and 100, but was " + memoryDownPercent);
        }
        if (!(diskFreeDegradedPercent >= 0 && diskFreeDegradedPercent <= 100)) {
            throw new IllegalArgumentException("diskFreeDegradedPercent must be between 0 and 100, but was "
                    + diskFreeDegradedPercent);
        }
        if (!(diskFreeDownPercent >= 0 && diskFreeDownPercent <= diskFreeDegradedPercent)) {
            throw new IllegalArgumentException("diskFreeDownPercent must be between 0 and diskFreeDegradedPercent ("
                    + diskFreeDegradedPercent + "), but was " + diskFreeDownPercent);
        }
        if (diskFreeDegradedBytes < 0) {
            throw new IllegalArgumentException("diskFreeDegradedBytes must be >= 0, but was " + diskFreeDegradedBytes);
        }
        if (diskFreeDownBytes < 0 || diskFreeDownBytes > diskFreeDegradedBytes) {
            throw new IllegalArgumentException("diskFreeDownBytes must be between 0 and diskFreeDegradedBytes ("
                    + diskFreeDegradedBytes + "), but was " + diskFreeDownBytes);
        }
        positive("databaseDegradedAbove", databaseDegradedAbove);
        positive("httpDegradedAbove", httpDegradedAbove);
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, but was " + value);
        }
    }

    public HealthConfig withCheckTimeout(Duration timeout) {
        return new HealthConfig(checkInterval, timeout, historySize, memoryDegradedPercent, memoryDownPercent,
                diskFreeDegradedPercent, diskFreeDownPercent, diskFreeDegradedBytes, diskFreeDownBytes,
                databaseDegradedAbove, httpDegradedAbove);
    }

    public HealthConfig withHistorySize(int size) {
        return new HealthConfig(checkInterval, checkTimeout, size, memoryDegradedPercent, memoryDownPercent,
                diskFreeDegradedPercent, diskFreeDownPercent, diskFreeDegradedBytes, diskFreeDownBytes,
                databaseDegradedAbove, httpDegradedAbove);
    }

    public HealthConfig withMemoryLimits(double degradedPercent, double downPercent) {
        return new HealthConfig(checkInterval, checkTimeout, historySize, degradedPercent, downPercent,
                diskFreeDegradedPercent, diskFreeDownPercent, diskFreeDegradedBytes, diskFreeDownBytes,
                databaseDegradedAbove, httpDegradedAbove);
    }

    public HealthConfig withDiskFreeLimits(double degradedPercent, double downPercent, long degradedBytes, long downBytes) {
        return new HealthConfig(checkInterval, checkTimeout, historySize, memoryDegradedPercent, memoryDownPercent,
                degradedPercent, downPercent, degradedBytes, downBytes, databaseDegradedAbove, httpDegradedAbove);
    }

    public HealthConfig withDatabaseDegradedAbove(Duration limit) {
        return new HealthConfig(checkInterval, checkTimeout, historySize, memoryDegradedPercent, memoryDownPercent,
                diskFreeDegradedPercent, diskFreeDownPercent, diskFreeDegradedBytes, diskFreeDownBytes,
                limit, httpDegradedAbove);
    }

    public HealthConfig withHttpDegradedAbove(Duration limit) {
        return new HealthConfig(checkInterval, checkTimeout, historySize, memoryDegradedPercent, memoryDownPercent,
                diskFreeDegradedPercent, diskFreeDownPercent, diskFreeDegradedBytes, diskFreeDownBytes,
                databaseDegradedAbove, limit);
    }
}
