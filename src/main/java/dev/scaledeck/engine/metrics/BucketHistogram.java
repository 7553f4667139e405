package dev.scaledeck.engine.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A cumulative histogram as Prometheus publishes it: ascending bucket upper bounds ({@code le},
 * the last one {@code +Inf}) with the number of observations at or below each. Quantiles are
 * estimated as PromQL's {@code histogram_quantile} does: linear interpolation inside the bucket
 * that holds the rank, the lowest bucket starting at 0, and a rank in the {@code +Inf} bucket
 * answered with the highest finite bound. Immutable and thread-safe.
 */
public final class BucketHistogram {

    private final double[] bounds;
    private final double[] counts;

    private BucketHistogram(double[] bounds, double[] counts) {
        this.bounds = bounds;
        this.counts = counts;
    }

    /**
     * The histogram of {@code _bucket} samples, summed by {@code le} over all their other labels
     * (as {@code sum by (le)}). Samples whose {@code le} is not a number are left out. Empty when
     * nothing is left or there is no {@code +Inf} bucket, since the total count is then unknown.
     */
    public static Optional<BucketHistogram> of(List<PrometheusText.Sample> buckets) {
        Map<Double, Double> byBound = new TreeMap<>();
        for (PrometheusText.Sample s : buckets) {
            Optional<Double> bound = bound(s.label("le"));
            if (bound.isPresent() && !Double.isNaN(s.value())) {
                byBound.merge(bound.get(), s.value(), Double::sum);
            }
        }
        if (byBound.size() < 2 || !byBound.containsKey(Double.POSITIVE_INFINITY)) {
            return Optional.empty();
        }
        double[] bounds = new double[byBound.size()];
        double[] counts = new double[byBound.size()];
        int i = 0;
        for (Map.Entry<Double, Double> e : byBound.entrySet()) {
            bounds[i] = e.getKey();
            // Sums of float counters can dip by a rounding error; a histogram never decreases.
            counts[i] = i == 0 ? e.getValue() : Math.max(e.getValue(), counts[i - 1]);
            i++;
        }
        return Optional.of(new BucketHistogram(bounds, counts));
    }

    private static Optional<Double> bound(String le) {
        try {
            return Optional.of(le.equals("+Inf") || le.equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The observations made since {@code earlier}: this histogram's counts minus those. Empty when
     * the buckets differ or a count went down (the instance restarted and its counters reset).
     */
    public Optional<BucketHistogram> minus(BucketHistogram earlier) {
        if (!Arrays.equals(bounds, earlier.bounds)) {
            return Optional.empty();
        }
        double[] delta = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            delta[i] = counts[i] - earlier.counts[i];
            if (delta[i] < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new BucketHistogram(bounds, delta));
    }

    /** The number of observations (the {@code +Inf} bucket). */
    public double count() {
        return counts[counts.length - 1];
    }

    /**
     * The estimated {@code q}-quantile, in the unit of the bounds; NaN when there are no observations.
     *
     * @param q between 0 and 1, e.g. 0.95
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be between 0 and 1, but was " + q);
        }
        if (count() <= 0) {
            return Double.NaN;
        }
        double rank = q * count();
        int b = 0;
        while (counts[b] < rank) {
            b++;
        }
        if (b == bounds.length - 1) {
            return bounds[b - 1];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double start = b == 0 ? 0 : bounds[b - 1];
        double below = b == 0 ? 0 : counts[b - 1];
        double inBucket = counts[b] - below;
        if (inBucket <= 0) {
            return start;
        }
        return start + (bounds[b] - start) * ((rank - below) / inBucket);
    }
}
