package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How drills write moments in their RPO basis and cleanup lines. Stateless; thread-safe. */
final class DrillTimes {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DrillTimes() {
    }

    /** {@code 10:15:03.120 UTC}: a drill spans minutes, so the time of day says enough. */
    static String format(Instant at) {
        return TIME.format(at);
    }
}
