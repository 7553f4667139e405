package dev.scaledeck.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link MeterFamily families} of one registry under the {@code scaledeck} prefix, and
 * the values Prometheus conventions want: seconds, enum states as labels. Not thread-safe.
 */
final class Families {

    static final String PREFIX = "scaledeck.";
    private static final String SECONDS = "seconds";

    private final MeterRegistry registry;

    Families(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterFamily gauge(String name, String help) {
        return new MeterFamily(registry, MeterFamily.Kind.GAUGE, PREFIX + name, help, null);
    }

    /** A gauge in seconds: {@code _seconds} is appended to the name. */
    MeterFamily seconds(String name, String help) {
        return new MeterFamily(registry, MeterFamily.Kind.GAUGE, PREFIX + name, help, SECONDS);
    }

    /** A counter: {@code _total} is appended to the name. */
    MeterFamily counter(String name, String help) {
        return new MeterFamily(registry, MeterFamily.Kind.COUNTER, PREFIX + name, help, null);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Seconds since the epoch, as Prometheus timestamps are. */
    static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    static double flag(boolean b) {
        return b ? 1 : 0;
    }

    /** Milliseconds (negative or NaN for "no value") as seconds, or NaN. */
    static double millisToSeconds(double ms) {
        return ms >= 0 ? ms / 1000 : Double.NaN;
    }

    /** {@code HALF_OPEN} as {@code half_open}: the label value of an enum constant. */
    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state-set pattern: one series per possible state, 1 for the current one and 0 for
     * the others, so {@code sum by (state)} counts and a state that ends reads 0 rather than vanishing.
     */
    static <E extends Enum<E>> void putStates(Map<Tags, Double> into, Tags base, E current, Iterable<E> all) {
        for (E state : all) {
            into.put(base.and("state", label(state)), flag(state == current));
        }
    }

    /** A map that keeps insertion order, for readable scrapes. */
    static Map<Tags, Double> series() {
        return new LinkedHashMap<>();
    }
}
