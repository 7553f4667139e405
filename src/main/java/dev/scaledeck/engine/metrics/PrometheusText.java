package dev.scaledeck.engine.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One page of metrics in the Prometheus text exposition format 0.0.4 (or OpenMetrics text,
 * which {@link #parseOpenMetrics(String)} reads), parsed, and queried by sample name and labels.
 * Immutable and thread-safe.
 *
 * <p>Parsing is forgiving, as a scraper has to be: a line that is not a comment, a blank or a
 * well-formed sample (a bad name, an unclosed label set, a bad escape, a value that is not a
 * number) is skipped and counted in {@link #skippedLines()}; parsing never throws. A family's
 * {@code # HELP} and {@code # TYPE} are kept; other comments are ignored.
 *
 * <p>Queries use Prometheus' label semantics: a label that a sample lacks has the empty value,
 * and a selector {@code {area="heap"}} matches every sample whose labels include it.
 */
public final class PrometheusText {

    private final List<Sample> samples;
    private final Map<String, List<Sample>> byName;
    private final Map<String, String> types;
    private final Map<String, String> helps;
    private final int skippedLines;

    PrometheusText(List<Sample> samples, Map<String, String> types, Map<String, String> helps, int skippedLines) {
        this.samples = List.copyOf(samples);
        Map<String, List<Sample>> index = new LinkedHashMap<>();
        for (Sample s : this.samples) {
            index.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
        }
        index.replaceAll((name, list) -> List.copyOf(list));
        this.byName = Collections.unmodifiableMap(index);
        this.types = Map.copyOf(types);
        this.helps = Map.copyOf(helps);
        this.skippedLines = skippedLines;
    }

    /** Parses text in the Prometheus 0.0.4 format: timestamps are integer milliseconds. Never throws. */
    public static PrometheusText parse(String text) {
        return new PrometheusTextParser(false).parse(text);
    }

    /**
     * Parses OpenMetrics text: as {@link #parse(String)}, but timestamps are (fractional) seconds.
     * Exemplars ({@code # {trace_id="a"} 0.5}) after a value are ignored in both formats.
     */
    public static PrometheusText parseOpenMetrics(String text) {
        return new PrometheusTextParser(true).parse(text);
    }

    /** Every sample, in the order of the text. */
    public List<Sample> samples() {
        return samples;
    }

    /** The samples named exactly {@code name} (e.g. {@code http_requests_total}), in the order of the text. */
    public List<Sample> samples(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The samples named {@code name} whose labels include every pair of {@code selector}. */
    public List<Sample> samples(String name, Map<String, String> selector) {
        List<Sample> matching = new ArrayList<>();
        for (Sample s : samples(name)) {
            if (s.matches(selector)) {
                matching.add(s);
            }
        }
        return List.copyOf(matching);
    }

    /** Whether any sample is named {@code name}. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The value of the sample named {@code name} with exactly these labels; empty when there is none. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        for (Sample s : samples(name)) {
            if (s.labels().equals(labels)) {
                return OptionalDouble.of(s.value());
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code selector}, as PromQL's
     * {@code sum(name{selector})}; empty when no sample matches.
     */
    public OptionalDouble sum(String name, Map<String, String> selector) {
        List<Sample> matching = samples(name, selector);
        if (matching.isEmpty()) {
            return OptionalDouble.empty();
        }
        double total = 0;
        for (Sample s : matching) {
            total += s.value();
        }
        return OptionalDouble.of(total);
    }

    /** The {@code # TYPE} of a family ({@code counter}, {@code gauge}, {@code histogram}, ...), when given. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** The {@code # HELP} text of a family, unescaped, when given. */
    public Optional<String> help(String family) {
        return Optional.ofNullable(helps.get(family));
    }

    /** How many lines were neither blank, a comment nor a well-formed sample, and were skipped. */
    public int skippedLines() {
        return skippedLines;
    }

    /**
     * One sample line. Immutable.
     *
     * @param name            the sample name, e.g. {@code http_server_requests_seconds_bucket}
     * @param labels          label names to their (unescaped) values, in the order of the text
     * @param value           the value; may be NaN or infinite
     * @param timestampMillis the sample's own timestamp, milliseconds since the epoch, when it has one
     */
    public record Sample(String name, Map<String, String> labels, double value, OptionalLong timestampMillis) {

        public Sample {
            Objects.requireNonNull(name, "name");
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            Objects.requireNonNull(timestampMillis, "timestampMillis");
        }

        /** A sample without a timestamp. */
        public Sample(String name, Map<String, String> labels, double value) {
            this(name, labels, value, OptionalLong.empty());
        }

        /** The value of a label, or the empty string when the sample lacks it (as in PromQL). */
        public String label(String labelName) {
            return labels.getOrDefault(labelName, "");
        }

        /** Whether the labels include every pair of {@code selector} (an empty value matches a missing label). */
        public boolean matches(Map<String, String> selector) {
            for (Map.Entry<String, String> wanted : selector.entrySet()) {
                if (!label(wanted.getKey()).equals(wanted.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }
}
