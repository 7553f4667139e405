package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How reports and alerts spell things: error kinds, percentages, masked targets, plain
 * numbers. Stateless; thread-safe.
 */
final class ReportText {

    /** Query parameters that carry credentials; their values never reach a report. */
    private static final Pattern TOKEN_PARAM = Pattern.compile(
            "(?i)([?&;](?:access_token|token|api_key|apikey|key|secret|auth|sig|signature)=)[^&#\\s]*");

    private ReportText() {
    }

    /** The report's id for an error kind: {@code timeout}, {@code connect}, {@code 4xx}, {@code 5xx}, {@code other}. */
    static String id(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT -> "timeout";
            case CONNECT -> "connect";
            case HTTP_4XX -> "4xx";
            case HTTP_5XX -> "5xx";
            case OTHER -> "other";
        };
    }

    /** The error kind for a report id; null for an id no kind has. */
    static ErrorKind kind(String id) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (id(kind).equals(id)) {
                return kind;
            }
        }
        return null;
    }

    /** Text with passwords and credential-like query parameters replaced by {@code ****}. */
    static String masked(String text) {
        return text == null ? null : TOKEN_PARAM.matcher(DatabaseUrl.maskPasswords(text)).replaceAll("$1****");
    }

    /** Text made safe for HTML and SVG, in element content and in quoted attributes alike. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code part} of {@code whole} in percent; NaN when {@code whole} is 0. */
    static double percent(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    /** Failed requests in percent of all requests, NaN when none completed. */
    static double errorRate(LoadTestReport report) {
        return percent(report.errorCount(), report.requests());
    }

    /** Passed checks in percent of checks, NaN when no check ran. */
    static double checkRate(LoadTestReport report) {
        return percent(report.checksPassed(), report.checksPassed() + report.checksFailed());
    }

    /** A number with at most three decimals and a {@code .} separator ({@code 12}, {@code 0.125}); empty for NaN. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** {@code 1,234.5}: grouped, one decimal, for people; {@code –} for NaN. */
    static String decimal(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.1f", value);
    }

    /** {@code 12,345}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Errors by kind, in kind order, zeros left out: {@code timeout 20, 5xx 3}; {@code none} when all are 0. */
    static String errorList(Map<ErrorKind, Long> errors) {
        StringBuilder text = new StringBuilder();
        for (ErrorKind kind : ErrorKind.values()) {
            long n = errors.getOrDefault(kind, 0L);
            if (n > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(id(kind)).append(' ').append(n);
            }
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}
