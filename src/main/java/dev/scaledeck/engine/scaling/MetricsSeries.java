package dev.scaledeck.engine.scaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A recorded series of fleet metrics, to replay through scaling policies ("what if"). Each
 * {@link Point} holds per-instance averages and how many instances were serving. Immutable
 * and thread-safe.
 *
 * <p>Read from CSV ({@link #readCsv(Reader, String, int)}): a header line, then one line per
 * point, comma-separated (no quoting of commas; surrounding double quotes are removed). Columns,
 * by header name (case does not matter, unknown columns are ignored):
 * <ul>
 *   <li>{@code time}, or {@code elapsed_s}: an ISO-8601 instant ({@code 2026-11-26T14:00:00Z}) or
 *       seconds ({@code 0}, {@code 15}, {@code 30.5}); every line in the form of the first, never
 *       earlier than the line before. Offsets count from the first line.</li>
 *   <li>per-instance metrics by {@link Metric#id()}, the first present of each row winning:
 *       {@code cpu}; {@code memory}; {@code connections}, {@code active_connections}, or
 *       {@code in_flight} (a fleet total, divided by the replicas); {@code response-time},
 *       {@code response_time_ms}, {@code p95_ms}, or {@code p99_ms}. An empty cell or {@code NaN}
 *       is a metric not reported.</li>
 *   <li>{@code replicas}: instances serving, a whole number of at least 1; when absent or empty,
 *       the caller's default.</li>
 * </ul>
 * So the load tester's timeline ({@code elapsed_s,rps,p50_ms,p90_ms,p99_ms,errors,in_flight,users})
 * reads as response time from p99, connections from in-flight, cpu and memory not reported.
 * {@link #writeCsv(Writer)} writes the canonical form, which reads back to an equal series.
 */
public final class MetricsSeries {

    /** The most points a series may have. */
    public static final int MAX_POINTS = 100_000;

    private static final String CANONICAL_HEADER = "time,cpu,memory,connections,response-time,replicas";
    private static final Pattern DECIMAL = Pattern.compile("[+]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Map<Metric, List<String>> METRIC_COLUMNS = Map.of(
            Metric.CPU, List.of("cpu"),
            Metric.MEMORY, List.of("memory"),
            Metric.CONNECTIONS, List.of("connections", "active_connections", "in_flight"),
            Metric.RESPONSE_TIME, List.of("response-time", "response_time_ms", "p95_ms", "p99_ms"));
    /** Columns that hold the whole fleet's figure rather than one instance's. */
    private static final List<String> FLEET_TOTALS = List.of("in_flight");

    private final List<Point> points;

    private MetricsSeries(List<Point> points) {
        this.points = points;
    }

    /**
     * A series of these points.
     *
     * @throws IllegalArgumentException when there are fewer than 2 or more than {@link #MAX_POINTS}
     *                                  points, the first offset is not zero, or an offset goes back
     */
    public static MetricsSeries of(List<Point> points) {
        List<Point> copy = List.copyOf(points);
        if (copy.size() < 2 || copy.size() > MAX_POINTS) {
            throw new IllegalArgumentException("a metrics series needs 2 to " + MAX_POINTS + " points, but had " + copy.size());
        }
        if (!copy.get(0).offset().isZero()) {
            throw new IllegalArgumentException("the first point's offset must be 0, but was " + copy.get(0).offset());
        }
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).offset().compareTo(copy.get(i - 1).offset()) < 0) {
                throw new IllegalArgumentException("offsets must not decrease, but point " + i + " is at "
                        + copy.get(i).offset() + ", before " + copy.get(i - 1).offset());
            }
        }
        return new MetricsSeries(copy);
    }

    /** The points, oldest first. */
    public List<Point> points() {
        return points;
    }

    /** The offset of the last point: how long the recording lasts. */
    public Duration duration() {
        return points.get(points.size() - 1).offset();
    }

    /**
     * Reads a CSV file (UTF-8); errors name the file by its file name.
     *
     * @see #readCsv(Reader, String, int)
     */
    public static MetricsSeries readCsv(Path file, int defaultReplicas) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(reader, String.valueOf(file.getFileName()), defaultReplicas);
        }
    }

    /**
     * Reads CSV as the class describes.
     *
     * @param sourceName      how errors name the input, e.g. {@code metrics.csv}
     * @param defaultReplicas the replicas of every point when there is no {@code replicas} column, at least 1
     * @throws IllegalArgumentException naming the source, line, column and value, for example
     *                                  {@code metrics.csv line 7, column cpu: 'abc' is not a number}
     * @throws IOException              when the reader fails
     */
    public static MetricsSeries readCsv(Reader reader, String sourceName, int defaultReplicas) throws IOException {
        if (defaultReplicas < 1) {
            throw new IllegalArgumentException("defaultReplicas must be at least 1, but was " + defaultReplicas);
        }
        return new CsvReader(sourceName, defaultReplicas).read(
                reader instanceof BufferedReader b ? b : new BufferedReader(reader));
    }

    /**
     * Writes the canonical CSV: a header {@code time,cpu,memory,connections,response-time,replicas},
     * then one line per point, time in seconds from the start, a metric not reported left empty.
     */
    public void writeCsv(Writer out) throws IOException {
        StringBuilder csv = new StringBuilder(CANONICAL_HEADER).append('\n');
        for (Point p : points) {
            csv.append(BigDecimal.valueOf(p.offset().toNanos(), 9).stripTrailingZeros().toPlainString());
            for (Metric m : Metric.values()) {
                double v = p.value(m);
                csv.append(',').append(Double.isNaN(v) ? "" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
            }
            csv.append(',').append(p.replicas()).append('\n');
        }
        out.write(csv.toString());
        out.flush();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricsSeries other && points.equals(other.points);
    }

    @Override
    public int hashCode() {
        return points.hashCode();
    }

    @Override
    public String toString() {
        return "MetricsSeries[" + points.size() + " points over " + duration() + "]";
    }

    /**
     * One moment of the recording. Immutable.
     *
     * @param offset      since the first point
     * @param perInstance every {@link Metric} to its per-instance average, NaN when not reported
     * @param replicas    instances serving when it was recorded, at least 1
     */
    public record Point(Duration offset, Map<Metric, Double> perInstance, int replicas) {

        /**
         * @param perInstance the metrics reported; those left out are NaN
         * @throws IllegalArgumentException for a negative offset, a negative or infinite metric, or replicas below 1
         */
        public Point {
            Objects.requireNonNull(offset, "offset");
            if (offset.isNegative()) {
                throw new IllegalArgumentException("offset must not be negative, but was " + offset);
            }
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1, but was " + replicas);
            }
            EnumMap<Metric, Double> all = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                double v = perInstance.getOrDefault(m, Double.NaN);
                if (v < 0 || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(m.id() + " must be a finite number >= 0 (or NaN when not reported), but was " + v);
                }
                all.put(m, v);
            }
            perInstance = Collections.unmodifiableMap(all);
        }

        /** One metric's per-instance average, NaN when not reported. */
        public double value(Metric metric) {
            return perInstance.get(metric);
        }

        /** This point as one instance's report, {@code start} being when the series began. */
        public InstanceMetrics toInstanceMetrics(String instanceId, Instant start) {
            return new InstanceMetrics(instanceId, start.plus(offset), value(Metric.CPU), value(Metric.MEMORY),
                    value(Metric.CONNECTIONS), value(Metric.RESPONSE_TIME));
        }
    }

    /** Reads one CSV input; one per read, not thread-safe. */
    private static final class CsvReader {

        private final String source;
        private final int defaultReplicas;
        private final Map<String, Integer> columns = new HashMap<>();
        private final Map<Metric, String> metricColumns = new EnumMap<>(Metric.class);
        private String timeColumn;
        private int headerWidth;
        private int line;
        private Instant firstInstant;
        private BigDecimal firstSeconds;
        private Duration previousOffset;

        CsvReader(String source, int defaultReplicas) {
            this.source = source;
            this.defaultReplicas = defaultReplicas;
        }

        MetricsSeries read(BufferedReader in) throws IOException {
            String header = in.readLine();
            line = 1;
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException(source + " is empty; expected a header line such as " + CANONICAL_HEADER);
            }
            header(cells(header.startsWith("\uFEFF") ? header.substring(1) : header));
            List<Point> points = new ArrayList<>();
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                if (points.size() == MAX_POINTS) {
                    throw new IllegalArgumentException(source + " line " + line + ": more than " + MAX_POINTS
                            + " rows of metrics; at most " + MAX_POINTS + " are allowed");
                }
                points.add(point(cells(text)));
            }
            if (points.size() < 2) {
                throw new IllegalArgumentException(source + " has " + points.size() + " row(s) of metrics; at least 2 are needed");
            }
            return new MetricsSeries(List.copyOf(points));
        }

        private void header(String[] names) {
            headerWidth = names.length;
            for (int i = 0; i < names.length; i++) {
                String name = names[i].toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && columns.putIfAbsent(name, i) != null) {
                    throw new IllegalArgumentException(source + " line 1: column " + name + " appears twice");
                }
            }
            timeColumn = columns.containsKey("time") ? "time" : columns.containsKey("elapsed_s") ? "elapsed_s" : null;
            if (timeColumn == null) {
                throw new IllegalArgumentException(source + " line 1: no time column; expected time or elapsed_s among "
                        + String.join(",", names));
            }
            METRIC_COLUMNS.forEach((metric, accepted) -> accepted.stream().filter(columns::containsKey).findFirst()
                    .ifPresent(name -> metricColumns.put(metric, name)));
        }

        private Point point(String[] cells) {
            if (cells.length != headerWidth) {
                throw new IllegalArgumentException(source + " line " + line + ": " + cells.length
                        + " values, but the header has " + headerWidth + " columns");
            }
            Duration offset = offset(cells[columns.get(timeColumn)]);
            int replicas = replicas(cells);
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            metricColumns.forEach((metric, column) -> {
                double v = metric(column, cells[columns.get(column)]);
                values.put(metric, FLEET_TOTALS.contains(column) ? v / replicas : v);
            });
            return new Point(offset, values, replicas);
        }

        private Duration offset(String value) {
            Duration offset;
            if (firstInstant != null || (firstSeconds == null && value.contains("T"))) {
                Instant at = instant(value);
                firstInstant = firstInstant == null ? at : firstInstant;
                offset = Duration.between(firstInstant, at);
            } else {
                BigDecimal seconds = seconds(value);
                firstSeconds = firstSeconds == null ? seconds : firstSeconds;
                offset = nanos(value, seconds.subtract(firstSeconds));
            }
            if (previousOffset != null && offset.compareTo(previousOffset) < 0) {
                throw bad(timeColumn, value, "is earlier than the row before; times must not decrease");
            }
            previousOffset = offset;
            return offset;
        }

        private Instant instant(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw bad(timeColumn, value, firstInstant == null
                        ? "is not an ISO-8601 instant like 2026-11-26T14:00:00Z"
                        : "is not an ISO-8601 instant like 2026-11-26T14:00:00Z, as the first row's time is");
            }
        }

        private BigDecimal seconds(String value) {
            if (!DECIMAL.matcher(value).matches()) {
                throw bad(timeColumn, value, firstSeconds == null
                        ? "is neither seconds from the start (0, 15, 30.5) nor an ISO-8601 instant like 2026-11-26T14:00:00Z"
                        : "is not a number of seconds, as the first row's time is");
            }
            return new BigDecimal(value);
        }

        private Duration nanos(String value, BigDecimal seconds) {
            try {
                return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
            } catch (ArithmeticException e) {
                throw bad(timeColumn, value, "is too many seconds; at most " + Long.MAX_VALUE / 1_000_000_000 + " are allowed");
            }
        }

        private int replicas(String[] cells) {
            Integer column = columns.get("replicas");
            String value = column == null ? "" : cells[column];
            if (value.isEmpty()) {
                return defaultReplicas;
            }
            try {
                int replicas = Integer.parseInt(value);
                if (replicas >= 1) {
                    return replicas;
                }
            } catch (NumberFormatException e) {
                // named below with what is allowed
            }
            throw bad("replicas", value, "is not a whole number of at least 1");
        }

        private double metric(String column, String value) {
            if (value.isEmpty() || value.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            if (value.startsWith("-") && DECIMAL.matcher(value.substring(1)).matches()) {
                throw bad(column, value, "is negative; metrics are numbers >= 0");
            }
            if (!DECIMAL.matcher(value).matches()) {
                throw bad(column, value, "is not a number");
            }
            return Double.parseDouble(value);
        }

        private IllegalArgumentException bad(String column, String value, String problem) {
            return new IllegalArgumentException(source + " line " + line + ", column " + column + ": '" + value + "' " + problem);
        }

        private static String[] cells(String text) {
            String[] cells = text.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i].strip();
                cells[i] = cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")
                        ? cell.substring(1, cell.length() - 1).strip() : cell;
            }
            return cells;
        }
    }
}
