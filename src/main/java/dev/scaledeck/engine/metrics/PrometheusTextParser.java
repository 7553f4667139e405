package dev.scaledeck.engine.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the text exposition format line by line into a {@link PrometheusText}. A line that does
 * not parse is counted and skipped. One instance per parse; not thread-safe.
 */
final class PrometheusTextParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped",
            "unknown", "info", "stateset", "gaugehistogram");

    /** Why a sample line is skipped; never leaves the parser. */
    private static final class BadLine extends Exception {
        BadLine() {
            super(null, null, false, false);
        }
    }

    private final boolean timestampsInSeconds;
    private final List<PrometheusText.Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> helps = new HashMap<>();
    private int skipped;
    private String line;
    private int pos;

    PrometheusTextParser(boolean timestampsInSeconds) {
        this.timestampsInSeconds = timestampsInSeconds;
    }

    PrometheusText parse(String text) {
        for (String raw : text.split("\n", -1)) {
            line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            pos = 0;
            skipBlanks();
            if (atEnd()) {
                continue;
            }
            boolean ok = line.charAt(pos) == '#' ? comment() : sample();
            if (!ok) {
                skipped++;
            }
        }
        return new PrometheusText(samples, types, helps, skipped);
    }

    /** {@code # HELP name text}, {@code # TYPE name type}, or any other comment (ignored). */
    private boolean comment() {
        String[] parts = line.substring(pos + 1).strip().split("[ \t]+", 3);
        boolean help = parts[0].equals("HELP");
        if (!help && !parts[0].equals("TYPE")) {
            return true;
        }
        if (parts.length < 2 || !NAME.matcher(parts[1]).matches()) {
            return false;
        }
        if (help) {
            helps.put(parts[1], parts.length == 3 ? unescapeHelp(parts[2]) : "");
            return true;
        }
        if (parts.length != 3 || !TYPES.contains(parts[2].toLowerCase(Locale.ROOT))) {
            return false;
        }
        types.put(parts[1], parts[2].toLowerCase(Locale.ROOT));
        return true;
    }

    private static String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == 'n')) {
                out.append(text.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code name{label="value",...} value [timestamp] [# exemplar]}. */
    private boolean sample() {
        try {
            String name = token(NAME);
            skipBlanks();
            Map<String, String> labels = Map.of();
            if (!atEnd() && line.charAt(pos) == '{') {
                pos++;
                labels = labels();
                skipBlanks();
            }
            double value = number(word());
            skipBlanks();
            OptionalLong timestamp = OptionalLong.empty();
            if (!atEnd() && line.charAt(pos) != '#') {
                timestamp = OptionalLong.of(timestamp(word()));
                skipBlanks();
            }
            if (!atEnd() && line.charAt(pos) != '#') {
                throw new BadLine();
            }
            samples.add(new PrometheusText.Sample(name, labels, value, timestamp));
            return true;
        } catch (BadLine e) {
            return false;
        }
    }

    private Map<String, String> labels() throws BadLine {
        Map<String, String> labels = new LinkedHashMap<>();
        while (true) {
            skipBlanks();
            if (atEnd()) {
                throw new BadLine();
            }
            if (line.charAt(pos) == '}') {
                pos++;
                return labels;
            }
            String name = token(LABEL_NAME);
            skipBlanks();
            expect('=');
            skipBlanks();
            expect('"');
            if (labels.put(name, quoted()) != null) {
                throw new BadLine();
            }
            skipBlanks();
            if (!atEnd() && line.charAt(pos) == ',') {
                pos++;
            } else if (atEnd() || line.charAt(pos) != '}') {
                throw new BadLine();
            }
        }
    }

    /** The rest of a label value after its opening quote, unescaping {@code \\ \" \n}. */
    private String quoted() throws BadLine {
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw new BadLine();
                }
                char escaped = line.charAt(pos++);
                switch (escaped) {
                    case '\\', '"' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    default -> throw new BadLine();
                }
            } else {
                out.append(c);
            }
        }
        throw new BadLine();
    }

    private static double number(String text) throws BadLine {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw new BadLine();
                }
                return Double.parseDouble(text);
            }
        }
    }

    private long timestamp(String text) throws BadLine {
        if (timestampsInSeconds) {
            double seconds = number(text);
            if (!Double.isFinite(seconds)) {
                throw new BadLine();
            }
            return Math.round(seconds * 1000);
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new BadLine();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadLine();
        }
    }

    private String token(Pattern pattern) throws BadLine {
        int start = pos;
        while (!atEnd() && isNameChar(line.charAt(pos))) {
            pos++;
        }
        String token = line.substring(start, pos);
        if (!pattern.matcher(token).matches()) {
            throw new BadLine();
        }
        return token;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Characters up to the next blank. */
    private String word() throws BadLine {
        int start = pos;
        while (!atEnd() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
            pos++;
        }
        if (start == pos) {
            throw new BadLine();
        }
        return line.substring(start, pos);
    }

    private void expect(char c) throws BadLine {
        if (atEnd() || line.charAt(pos) != c) {
            throw new BadLine();
        }
        pos++;
    }

    private void skipBlanks() {
        while (!atEnd() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= line.length();
    }
}
