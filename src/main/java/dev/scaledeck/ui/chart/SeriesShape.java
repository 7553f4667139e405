package dev.scaledeck.ui.chart;

import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * How one series is drawn: a line ({@code chart-series-line}, styled by the window's stylesheet
 * like a stock chart's) through the points {@link M4Decimation} picks; or, once there are more
 * than {@link #BAND_DENSITY} points per pixel column, the band that line's stroke would fill: a
 * polygon through each column's lowest and highest value (within half a stroke of the column),
 * widened by half a stroke, filled in the line's colour. The two colour nearly the same pixels,
 * but the software renderer pays for every scanline a segment crosses, and a dense line
 * criss-crosses each column several times while the band's outline crosses a scanline a few
 * times: at 100k points that is 20 ms a frame against 3. A dashed line (a threshold) stays a
 * line. FX thread only.
 */
final class SeriesShape {

    /** Points per pixel column above which a series is drawn as a band. */
    static final double BAND_DENSITY = 2;

    private final Polyline line = new Polyline();
    private final Polygon band = new Polygon();
    /** The corners of this frame, refilled each time: a frame makes no objects but their boxes. */
    private final List<Double> corners = new ArrayList<>();
    private int[] picked = new int[0];
    private double[] lowest = new double[0];
    private double[] highest = new double[0];
    private double[] bandLow = new double[0];
    private double[] bandHigh = new double[0];

    SeriesShape(int index) {
        line.getStyleClass().setAll("chart-series-line", "series" + index, "default-color" + (index % 8));
        band.getStyleClass().setAll("chart-series-band", "series" + index, "default-color" + (index % 8));
        band.fillProperty().bind(line.strokeProperty());
        band.setStroke(null);
        band.setVisible(false);
    }

    /** The line and the band, for the plot's clipped group. */
    List<Shape> nodes() {
        return List.of(line, band);
    }

    /** Corners of what is drawn now: the line's points or the band's outline. */
    int vertices() {
        return (band.isVisible() ? band.getPoints() : line.getPoints()).size() / 2;
    }

    /**
     * Draws points {@code from} to {@code to} (exclusive) of {@code values}, at {@code pixelX};
     * the first may lie left of the plot, so that the line enters at its edge.
     *
     * @param inView how many of the points lie inside the plot
     */
    void draw(double[] pixelX, double[] values, int from, int to, int inView, Plot plot) {
        int columns = Math.max(1, (int) plot.width());
        boolean dense = inView > BAND_DENSITY * columns && line.getStrokeDashArray().isEmpty();
        line.setVisible(!dense);
        band.setVisible(dense);
        corners.clear();
        if (dense) {
            bandCorners(pixelX, values, from, to, columns, plot);
            line.getPoints().clear();
            band.getPoints().setAll(corners);
        } else {
            lineCorners(pixelX, values, from, to, columns, plot);
            band.getPoints().clear();
            line.getPoints().setAll(corners);
        }
    }

    private void lineCorners(double[] pixelX, double[] values, int from, int to, int columns, Plot plot) {
        if (picked.length < M4Decimation.maxPicked(columns)) {
            picked = new int[M4Decimation.maxPicked(columns)];
        }
        int count = M4Decimation.pick(pixelX, values, from, to, columns, picked);
        for (int k = 0; k < count; k++) {
            int i = picked[k];
            corners.add(plot.left() + pixelX[i]);
            corners.add(plot.y(values[i]));
        }
    }

    /**
     * The outline of what the line's stroke covers: in each pixel column, the values the line
     * takes within half a stroke to either side, widened by half a stroke up and down; corners at
     * the column centres, along the top from the left, then along the bottom back.
     */
    private void bandCorners(double[] pixelX, double[] values, int from, int to, int columns, Plot plot) {
        double half = line.getStrokeWidth() / 2;
        columnRanges(pixelX, values, from, to, columns, half);
        for (int c = 0; c < columns; c++) {
            if (!Double.isNaN(bandHigh[c])) {
                corners.add(plot.left() + c + 0.5);
                corners.add(plot.y(bandHigh[c]) - half);
            }
        }
        for (int c = columns - 1; c >= 0; c--) {
            if (!Double.isNaN(bandLow[c])) {
                corners.add(plot.left() + c + 0.5);
                corners.add(plot.y(bandLow[c]) + half);
            }
        }
    }

    /** Into bandLow and bandHigh: each pixel column's range, from half-pixel columns {@code half} to either side. */
    private void columnRanges(double[] pixelX, double[] values, int from, int to, int columns, double half) {
        int halves = 2 * columns;
        if (lowest.length < halves) {
            lowest = new double[halves];
            highest = new double[halves];
            bandLow = new double[columns];
            bandHigh = new double[columns];
        }
        M4Decimation.columnRanges(pixelX, values, from, to, 2, halves, lowest, highest);
        int reach = (int) Math.max(1, Math.round(half * 2));
        for (int c = 0; c < columns; c++) {
            double low = Double.NaN;
            double high = Double.NaN;
            for (int h = Math.max(0, 2 * c + 1 - reach); h <= Math.min(halves - 1, 2 * c + reach); h++) {
                if (!Double.isNaN(lowest[h]) && !(lowest[h] >= low)) {
                    low = lowest[h];
                }
                if (!Double.isNaN(highest[h]) && !(highest[h] <= high)) {
                    high = highest[h];
                }
            }
            bandLow[c] = low;
            bandHigh[c] = high;
        }
    }

    /** Where the plot sits in its parent and how values map to its height. */
    record Plot(double left, double top, double width, double height, double upper) {
        double y(double value) {
            return top + height - value * height / upper;
        }
    }
}
