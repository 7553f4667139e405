package dev.scaledeck.cli;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.DrillMeasurement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A drill's measurements and times as the {@code dr} commands print them. Stateless. */
final class DrillText {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DrillText() {
    }

    /** {@code 12.3 s (target 5m, met)}. */
    static String rto(DrillMeasurement m) {
        return figure(m.rto(), m.rtoTarget(), m.rtoMet());
    }

    /** {@code 0 ms (target 1m, met)}. */
    static String rpo(DrillMeasurement m) {
        return figure(m.rpo(), m.rpoTarget(), m.rpoMet());
    }

    private static String figure(Duration measured, Duration target, boolean met) {
        return Durations.measured(measured) + " (target " + Durations.format(target) + ", " + (met ? "met" : "MISSED") + ")";
    }

    /** {@code 2026-11-27 10:15:02 UTC}. */
    static String utc(Instant t) {
        return UTC.format(t);
    }
}
