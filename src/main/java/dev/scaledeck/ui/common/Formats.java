package dev.scaledeck.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers read in the window: the same unit and precision everywhere, {@link #NONE} for a
 * value that is not known. Stateless.
 */
public final class Formats {

    /** Shown for a value that is not published or not known yet. */
    public static final String NONE = "—";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    /** {@code 12,345}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Milliseconds with the precision that matters at that size; negative means unknown. */
    public static String millis(double ms) {
        if (ms < 0 || Double.isNaN(ms)) {
            return NONE;
        }
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    public static String millis(Duration d) {
        return d == null ? NONE : millis(toMillis(d));
    }

    /** A duration as fractional milliseconds, for charts. */
    public static double toMillis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }

    /** A share 0..1 as {@code 42 %}; negative means unknown. */
    public static String percentOfOne(double ratio) {
        return ratio < 0 || Double.isNaN(ratio) ? NONE : percent(100 * ratio);
    }

    /** A percentage 0..100 as {@code 42 %}; negative means unknown. */
    public static String percent(double percent) {
        return percent < 0 || Double.isNaN(percent) ? NONE : String.format(Locale.ROOT, "%.0f %%", percent);
    }

    /** Requests per second; negative means unknown. */
    public static String rate(double perSecond) {
        return perSecond < 0 || Double.isNaN(perSecond) ? NONE : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** Bytes as whole MiB: {@code 412 MiB}. */
    public static String mebibytes(long bytes) {
        return count(bytes >> 20) + " MiB";
    }

    /** A local wall-clock time: {@code 14:03:12}. */
    public static String clock(Instant time, ZoneId zone) {
        return CLOCK.format(time.atZone(zone));
    }

    /** A local date and time: {@code 2026-11-27 14:03:12}. */
    public static String dateTime(Instant time, ZoneId zone) {
        return DATE_TIME.format(time.atZone(zone));
    }
}
