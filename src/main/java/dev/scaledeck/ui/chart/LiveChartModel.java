package dev.scaledeck.ui.chart;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The data behind one live chart: the last {@link #capacity()} points of a few named series
 * that share one time axis, in a ring buffer, so a chart never holds more than that however
 * long the window runs. The view side ({@link LiveChart}) renders it; this side needs no
 * toolkit.
 *
 * <p>Not thread-safe: confine to the UI thread (or a test's thread). {@link #versionProperty()}
 * changes once per {@link #add}, which is when a view redraws.
 */
public final class LiveChartModel {

    /**
     * Ten minutes at the sampler's 2 Hz: the history an operator can widen a chart to (its
     * context menu), though it shows {@link #DEFAULT_SPAN} unless asked.
     */
    public static final int DEFAULT_CAPACITY = 1200;
    /** What the x axis spans unless the operator chooses otherwise: what one reads at a glance. */
    public static final Duration DEFAULT_SPAN = Duration.ofSeconds(60);

    private final String title;
    private final String unit;
    private final List<String> seriesNames;
    private final int capacity;
    private final Duration span;
    private final long[] times;
    private final double[][] values;
    private int next;
    private final ReadOnlyIntegerWrapper size = new ReadOnlyIntegerWrapper(this, "size");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");

    /**
     * @param title       what the chart shows, e.g. "Connections"
     * @param unit        the y axis' unit, e.g. "ms"
     * @param capacity    points kept per series: the history
     * @param span        what the x axis spans by default (seconds back from the newest point); the
     *                    history may reach further back
     * @param seriesNames one or more series, in legend order
     */
    public LiveChartModel(String title, String unit, int capacity, Duration span, List<String> seriesNames) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, but was " + capacity);
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, but was " + span);
        }
        if (seriesNames.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one series");
        }
        this.title = title;
        this.unit = unit;
        this.capacity = capacity;
        this.span = span;
        this.seriesNames = List.copyOf(seriesNames);
        this.times = new long[capacity];
        this.values = new double[this.seriesNames.size()][capacity];
    }

    /** A chart of {@link #DEFAULT_CAPACITY} points over {@link #DEFAULT_SPAN}. */
    public static LiveChartModel of(String title, String unit, String... seriesNames) {
        return new LiveChartModel(title, unit, DEFAULT_CAPACITY, DEFAULT_SPAN, List.of(seriesNames));
    }

    /**
     * Adds one point to every series, dropping the oldest when full.
     *
     * @param values one per series, in {@link #seriesNames()} order
     */
    public void add(Instant time, double... values) {
        if (values.length != seriesNames.size()) {
            throw new IllegalArgumentException("expected " + seriesNames.size() + " value(s) " + seriesNames
                    + ", but got " + values.length);
        }
        times[next] = time.toEpochMilli();
        for (int s = 0; s < values.length; s++) {
            this.values[s][next] = values[s];
        }
        next = (next + 1) % capacity;
        if (size.get() < capacity) {
            size.set(size.get() + 1);
        }
        version.set(version.get() + 1);
    }

    /**
     * A chart like this one (title, unit, capacity, span) whose series are {@code names}: a series
     * that this chart has keeps its points, a new one reads 0 at every point already held. For
     * charts whose series come and go (one per instance); history stays bounded by the capacity.
     * This model is left unchanged.
     */
    public LiveChartModel withSeries(List<String> names) {
        LiveChartModel copy = new LiveChartModel(title, unit, capacity, span, names);
        int first = firstIndex();
        int[] from = new int[names.size()];
        for (int s = 0; s < from.length; s++) {
            from[s] = seriesNames.indexOf(names.get(s));
        }
        double[] point = new double[from.length];
        for (int i = 0; i < size.get(); i++) {
            int at = (first + i) % capacity;
            for (int s = 0; s < from.length; s++) {
                point[s] = from[s] < 0 ? 0 : values[from[s]][at];
            }
            copy.add(Instant.ofEpochMilli(times[at]), point);
        }
        return copy;
    }

    /** The newest value of the series called {@code name}, or NaN when there is none. */
    public double latest(String name) {
        int series = seriesNames.indexOf(name);
        if (series < 0) {
            throw new IllegalArgumentException("no series " + name + " in " + seriesNames);
        }
        return latest(series);
    }

    /** Drops every point. */
    public void clear() {
        next = 0;
        size.set(0);
        version.set(version.get() + 1);
    }

    /** The values of one series, oldest first. A copy. */
    public double[] values(int series) {
        double[] out = new double[size.get()];
        int first = firstIndex();
        for (int i = 0; i < out.length; i++) {
            out[i] = values[series][(first + i) % capacity];
        }
        return out;
    }

    /** The values of the series called {@code name}, oldest first. A copy. */
    public double[] values(String name) {
        int series = seriesNames.indexOf(name);
        if (series < 0) {
            throw new IllegalArgumentException("no series " + name + " in " + seriesNames);
        }
        return values(series);
    }

    /**
     * Where each point sits on the x axis: seconds relative to the newest point, oldest first,
     * so the newest is 0 and older points are negative.
     */
    public double[] secondsAgo() {
        double[] out = new double[size.get()];
        if (out.length == 0) {
            return out;
        }
        int first = firstIndex();
        long newest = times[(first + out.length - 1) % capacity];
        for (int i = 0; i < out.length; i++) {
            out[i] = (times[(first + i) % capacity] - newest) / 1000.0;
        }
        return out;
    }

    /**
     * {@link #secondsAgo()} into {@code into} (at least {@link #size()} long) instead of a new
     * array: the chart reads every point on every frame.
     */
    void secondsAgo(double[] into) {
        int n = size.get();
        if (n == 0) {
            return;
        }
        int first = firstIndex();
        long newest = times[(first + n - 1) % capacity];
        for (int i = 0; i < n; i++) {
            into[i] = (times[(first + i) % capacity] - newest) / 1000.0;
        }
    }

    /** {@link #values(int)} into {@code into} (at least {@link #size()} long) instead of a new array. */
    void values(int series, double[] into) {
        int n = size.get();
        int first = firstIndex();
        int head = Math.min(n, capacity - first);
        System.arraycopy(values[series], first, into, 0, head);
        System.arraycopy(values[series], 0, into, head, n - head);
    }

    /** The newest value of a series, or NaN when there is none. */
    public double latest(int series) {
        return size.get() == 0 ? Double.NaN : values[series][(next - 1 + capacity) % capacity];
    }

    private int firstIndex() {
        return size.get() < capacity ? 0 : next;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    public List<String> seriesNames() {
        return seriesNames;
    }

    public int capacity() {
        return capacity;
    }

    public Duration span() {
        return span;
    }

    public int size() {
        return size.get();
    }

    /** Points held per series, 0..capacity. */
    public ReadOnlyIntegerProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Changes on every {@link #add} and {@link #clear}. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return title + " " + seriesNames + " " + size.get() + "/" + capacity + " " + Arrays.toString(secondsAgo());
    }
}
