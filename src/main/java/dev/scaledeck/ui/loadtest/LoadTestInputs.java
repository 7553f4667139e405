package dev.scaledeck.ui.loadtest;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.loadtest.Check;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.Threshold;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads what the operator typed into the load test form. Every problem is an
 * {@link IllegalArgumentException} whose message starts with the field's name; ranges and
 * syntax are the engine types' own checks ({@link LoadTarget}, {@link Threshold#parse},
 * {@link Check#parse}, the workload records), so the window and the CLI say the same.
 * Stateless.
 */
final class LoadTestInputs {

    private LoadTestInputs() {
    }

    static LoadTarget target(TargetKind kind, String text) {
        String t = text == null ? "" : text.trim();
        return switch (kind) {
            case URL -> {
                URI uri;
                try {
                    uri = new URI(t);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("URL: '" + t + "' is not a URL: " + e.getReason());
                }
                yield named("URL", () -> new LoadTarget.Url(uri));
            }
            case CLUSTER -> named("Cluster path", () -> new LoadTarget.Cluster(t));
            case SQL -> named("SQL statement", () -> new LoadTarget.Sql(t));
        };
    }

    static int whole(String field, String text) {
        String t = text == null ? "" : text.trim();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number such as 50, not '" + t + "'");
        }
    }

    /** Requests per second: {@code 200} or {@code 200/s}. */
    static double rate(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String number = t.endsWith("/s") ? t.substring(0, t.length() - 2).trim() : t;
        try {
            double value = Double.parseDouble(number);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(field + " must be requests per second such as 200, not '" + t + "'");
    }

    /** A duration; blank reads as {@code blank} (null: blank is a problem too). */
    static Duration duration(String field, String text, Duration blank) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() && blank != null) {
            return blank;
        }
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be " + Durations.ALLOWED + ", not '" + t + "'");
        }
    }

    /** One threshold per line or comma-separated; at least one. */
    static List<Threshold> thresholds(String text) {
        List<Threshold> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,\\n]")) {
            if (!part.isBlank()) {
                out.add(named("Thresholds", () -> Threshold.parse(part)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Thresholds: write at least one, such as p95<500ms, error_rate<1%: "
                    + "they decide whether the run passes");
        }
        return out;
    }

    /** One check per line (a body check may hold a comma); none is fine. */
    static List<Check> checks(String text) {
        List<Check> out = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\\n")) {
            if (!line.isBlank()) {
                out.add(named("Checks", () -> Check.parse(line)));
            }
        }
        return out;
    }

    /** Runs an engine constructor or parser, putting the field's name in front of its message. */
    static <T> T named(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
