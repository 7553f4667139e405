package dev.scaledeck.engine.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Free space on the volume that holds a directory (the data directory: database files, backups,
 * the journal). DEGRADED or DOWN when the free space falls below either the percentage or the
 * absolute limit of {@link HealthConfig}; DOWN when the directory is missing or unreadable.
 * Thread-safe.
 */
public final class DiskSpaceCheck implements HealthCheck {

    private final Path directory;
    private final HealthConfig config;
    private final Clock clock;

    public DiskSpaceCheck(Path directory, HealthConfig config, Clock clock) {
        this.directory = directory.toAbsolutePath();
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        if (!Files.isDirectory(directory)) {
            return result(HealthStatus.DOWN, "directory " + directory + " does not exist", start, Map.of());
        }
        long usable;
        long total;
        try {
            FileStore store = Files.getFileStore(directory);
            usable = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException e) {
            return result(HealthStatus.DOWN, "cannot read free space of " + directory + ": " + e.getMessage(), start, Map.of());
        }
        double freePercent = total > 0 ? 100.0 * usable / total : 0;
        String measured = Formats.bytes(usable) + " free of " + Formats.bytes(total) + " (" + Formats.percent(freePercent)
                + ") on " + directory;
        Map<String, Object> details = Map.of("freeBytes", usable, "totalBytes", total, "freePercent", freePercent,
                "directory", directory.toString());
        if (freePercent < config.diskFreeDownPercent() || usable < config.diskFreeDownBytes()) {
            return result(HealthStatus.DOWN, measured + ", below the down limit of "
                    + limits(config.diskFreeDownPercent(), config.diskFreeDownBytes()), start, details);
        }
        if (freePercent < config.diskFreeDegradedPercent() || usable < config.diskFreeDegradedBytes()) {
            return result(HealthStatus.DEGRADED, measured + ", below the limit of "
                    + limits(config.diskFreeDegradedPercent(), config.diskFreeDegradedBytes()), start, details);
        }
        return result(HealthStatus.UP, measured + " (limit "
                + limits(config.diskFreeDegradedPercent(), config.diskFreeDegradedBytes()) + ")", start, details);
    }

    private static String limits(double percent, long bytes) {
        return Formats.percent(percent) + " or " + Formats.bytes(bytes);
    }

    private HealthResult result(HealthStatus status, String message, long startNanos, Map<String, Object> details) {
        return new HealthResult(name(), status, message, Duration.ofNanos(System.nanoTime() - startNanos),
                clock.instant(), details);
    }
}
