package dev.scaledeck.engine.health;

import java.time.Duration;
import java.util.Locale;

/** Short human forms of durations and sizes for check messages: {@code 3 ms}, {@code 1.5 s}, {@code 2.0 GiB}. */
final class Formats {

    private Formats() {
    }

    static String text(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String bytes(long bytes) {
        double gib = bytes / (double) HealthConfig.GIB;
        if (gib >= 1) {
            return String.format(Locale.ROOT, "%.1f GiB", gib);
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) HealthConfig.MIB);
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }
}
