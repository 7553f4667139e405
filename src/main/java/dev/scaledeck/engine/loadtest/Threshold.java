package dev.scaledeck.engine.loadtest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail rule on a whole run, as k6 writes them: {@code p95<500ms}, {@code p99<1s},
 * {@code error_rate<1%}, {@code checks>99%}, {@code rps>100}. Immutable.
 *
 * @param metric     what is measured
 * @param comparison how it compares
 * @param limit      the limit, in the metric's unit (milliseconds, percent, or requests/s)
 * @param text       as written
 */
public record Threshold(Measure metric, Comparison comparison, double limit, String text) {

    private static final Pattern FORM = Pattern.compile(
            "\\s*(p50|p90|p95|p99|max|mean|error_rate|checks|rps)\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|%)?\\s*");
    /** What {@link #parse} takes, for messages. */
    public static final String ALLOWED = "p50|p90|p95|p99|max|mean (with ms or s), error_rate|checks (with %), or rps, "
            + "then <, <=, > or >= and a number, e.g. p95<500ms, p99<1s, error_rate<1%, checks>99%";

    /** What a threshold measures. */
    public enum Measure {
        P50, P90, P95, P99, MAX, MEAN,
        /** Failed requests / requests, percent. */
        ERROR_RATE,
        /** Passed checks / checks, percent. */
        CHECKS,
        /** Requests per second over the run. */
        RPS;

        boolean isLatency() {
            return ordinal() <= MEAN.ordinal();
        }
    }

    public enum Comparison {
        LESS("<"), LESS_OR_EQUAL("<="), MORE(">"), MORE_OR_EQUAL(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double actual, double limit) {
            return switch (this) {
                case LESS -> actual < limit;
                case LESS_OR_EQUAL -> actual <= limit;
                case MORE -> actual > limit;
                case MORE_OR_EQUAL -> actual >= limit;
            };
        }

        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /**
     * Reads one threshold.
     *
     * @throws IllegalArgumentException naming the text and what is allowed
     */
    public static Threshold parse(String written) {
        Matcher m = FORM.matcher(written.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + written + "' is not a threshold; use " + ALLOWED);
        }
        Measure measure = Measure.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        double value = Double.parseDouble(m.group(3));
        String unit = m.group(4);
        if (measure.isLatency()) {
            if (unit == null || unit.equals("%")) {
                throw new IllegalArgumentException("'" + written + "': a latency threshold needs ms or s, e.g. "
                        + m.group(1) + m.group(2) + "500ms");
            }
            value = unit.equals("s") ? value * 1000 : value;
        } else if (measure == Measure.RPS) {
            if (unit != null) {
                throw new IllegalArgumentException("'" + written + "': rps takes a plain number, e.g. rps>100");
            }
        } else if (!"%".equals(unit)) {
            throw new IllegalArgumentException("'" + written + "': " + m.group(1) + " is a percentage, e.g. "
                    + m.group(1) + m.group(2) + "1%");
        } else if (value > 100) {
            throw new IllegalArgumentException("'" + written + "': a percentage is at most 100");
        }
        return new Threshold(measure, Comparison.of(m.group(2)), value, written.trim());
    }
}
