package dev.scaledeck.ui.chart;

import java.util.Arrays;

/**
 * Picks the points of a line worth drawing at a given width: in every pixel column, the first,
 * the lowest, the highest and the last point that fall into it (the M4 aggregation of Jugel et
 * al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014). A line through
 * the picked points, in order, colours the same pixels as a line through all of them, so a chart
 * draws at most four points per column however long its history is. {@link #columnRanges} keeps
 * only the lowest and highest, for a series so dense that its line fills a band.
 *
 * <p>Pure functions on arrays; thread-safe.
 */
final class M4Decimation {

    private M4Decimation() {
    }

    /** How many indices {@link #pick} may write for a plot {@code columns} pixels wide. */
    static int maxPicked(int columns) {
        return 4 * Math.max(1, columns) + 1;
    }

    /**
     * Picks the points to draw, as indices into {@code x} and {@code y}, ascending.
     *
     * <p>Points left of the plot (x below 0) are all dropped but the last, so that the line still
     * enters at the left edge; points at or right of the right edge count as the last column.
     * Points whose value is NaN or infinite are skipped.
     *
     * @param x       where each point sits, in pixels from the plot's left edge; ascending
     * @param y       each point's value (any unit: only its order matters)
     * @param from    the first point to read
     * @param to      one past the last point to read
     * @param columns the plot's width in whole pixels, at least 1
     * @param out     receives the picked indices; at least {@link #maxPicked(int) maxPicked(columns)} long
     * @return how many indices were written to {@code out}
     */
    static int pick(double[] x, double[] y, int from, int to, int columns, int[] out) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, but was " + columns);
        }
        if (out.length < maxPicked(columns)) {
            throw new IllegalArgumentException("out must hold " + maxPicked(columns) + " indices, but holds " + out.length);
        }
        int written = 0;
        int column = Integer.MIN_VALUE;
        int first = -1;
        int lowest = -1;
        int highest = -1;
        int last = -1;
        for (int i = from; i < to; i++) {
            double v = y[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            int c = x[i] < 0 ? -1 : (int) Math.min(columns - 1, Math.floor(x[i]));
            if (c != column) {
                written = flush(column, first, lowest, highest, last, out, written);
                column = c;
                first = i;
                lowest = i;
                highest = i;
            } else if (v < y[lowest]) {
                lowest = i;
            } else if (v > y[highest]) {
                highest = i;
            }
            last = i;
        }
        return flush(column, first, lowest, highest, last, out, written);
    }

    /**
     * The lowest and highest value the line through the points takes in every column, for
     * drawing a dense series as the band its line fills: the points in the column and where the
     * line crosses the column's edges (so a steep line between two columns covers both). A value
     * that is not finite breaks the line.
     *
     * @param x       where each point sits, in pixels from the plot's left edge; ascending
     * @param y       each point's value
     * @param from    the first point to read (it may lie left of the plot)
     * @param to      one past the last point to read
     * @param perPixel columns per pixel: 2 for half-pixel columns
     * @param columns how many columns there are
     * @param lowest  receives each column's lowest value, NaN where the line does not pass; at least {@code columns} long
     * @param highest receives each column's highest value, NaN where the line does not pass
     */
    static void columnRanges(double[] x, double[] y, int from, int to, int perPixel, int columns,
                             double[] lowest, double[] highest) {
        Arrays.fill(lowest, 0, columns, Double.NaN);
        Arrays.fill(highest, 0, columns, Double.NaN);
        double previousX = Double.NaN;
        double previousY = Double.NaN;
        for (int i = from; i < to; i++) {
            double v = y[i];
            if (!Double.isFinite(v)) {
                previousX = Double.NaN;
                continue;
            }
            double at = x[i] * perPixel;
            if (!Double.isNaN(previousX)) {
                int lastEdge = (int) Math.min(columns - 1, Math.floor(at));
                for (int edge = Math.max(0, (int) Math.floor(previousX) + 1); edge <= lastEdge; edge++) {
                    double crossing = previousY + (v - previousY) * (edge - previousX) / (at - previousX);
                    include(edge, crossing, lowest, highest);
                    if (edge > 0) {
                        include(edge - 1, crossing, lowest, highest);
                    }
                }
            }
            if (at >= 0) {
                include((int) Math.min(columns - 1, Math.floor(at)), v, lowest, highest);
            }
            previousX = at;
            previousY = v;
        }
    }

    private static void include(int column, double v, double[] lowest, double[] highest) {
        if (!(v >= lowest[column])) {
            lowest[column] = v;
        }
        if (!(v <= highest[column])) {
            highest[column] = v;
        }
    }

    /** Writes one column's picks in index order, each once; left of the plot, only the last. */
    private static int flush(int column, int first, int lowest, int highest, int last, int[] out, int written) {
        if (first < 0) {
            return written;
        }
        if (column < 0) {
            out[written] = last;
            return written + 1;
        }
        int w = written;
        out[w++] = first;
        int earlier = Math.min(lowest, highest);
        int later = Math.max(lowest, highest);
        if (earlier != first) {
            out[w++] = earlier;
        }
        if (later != earlier && later != first) {
            out[w++] = later;
        }
        if (last != later && last != first) {
            out[w++] = last;
        }
        return w;
    }
}
