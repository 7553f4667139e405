package dev.scaledeck.ui.chart;

import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

import java.util.ArrayList;
import java.util.List;

/**
 * How one series is drawn: a line ({@code chart-series-line}, styled by the window's stylesheet
 * like a stock chart's) through the points {@link M4Decimation} picks; or, once there are more
 * than {@link #BAND_DENSITY} points per pixel column, the band that line would fill: a polygon
 * from each column's lowest to its highest value, widened by the line's stroke, filled in the
 * line's colour. The two colour the same pixels, but the software renderer pays for every
 * scanline a line segment crosses, and a dense line criss-crosses each column several times; the
 * band's outline crosses each scanline about twice. A dashed line (a threshold) stays a line.
 * FX thread only.
 */
final class SeriesShape {

    /** Points per pixel column above which a series is drawn as a band. */
    static final double BAND_DENSITY = 2;

    private final Path line = new Path();
    private final Path band = new Path();
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
    List<Path> nodes() {
        return List.of(line, band);
    }

    /** Corners of what is drawn now: the line's points or the band's outline. */
    int vertices() {
        return (band.isVisible() ? band : line).getElements().size();
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
        if (dense) {
            line.getElements().clear();
            band.getElements().setAll(band(pixelX, values, from, to, columns, plot));
        } else {
            band.getElements().clear();
            line.getElements().setAll(line(pixelX, values, from, to, columns, plot));
        }
    }

    private List<PathElement> line(double[] pixelX, double[] values, int from, int to, int columns, Plot plot) {
        if (picked.length < M4Decimation.maxPicked(columns)) {
            picked = new int[M4Decimation.maxPicked(columns)];
        }
        int count = M4Decimation.pick(pixelX, values, from, to, columns, picked);
        List<PathElement> elements = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int i = picked[k];
            double x = plot.left() + pixelX[i];
            double y = plot.y(values[i]);
            elements.add(k == 0 ? new MoveTo(x, y) : new LineTo(x, y));
        }
        return elements;
    }

    /**
     * The outline of what the line's stroke covers: in each pixel column, the values the line
     * takes within half a stroke to either side (from half-pixel columns), widened by half a
     * stroke up and down; corners at the column centres.
     */
    private List<PathElement> band(double[] pixelX, double[] values, int from, int to, int columns, Plot plot) {
        int halves = 2 * columns;
        if (lowest.length < halves) {
            lowest = new double[halves];
            highest = new double[halves];
            bandLow = new double[columns];
            bandHigh = new double[columns];
        }
        M4Decimation.columnRanges(pixelX, values, from, to, 2, halves, lowest, highest);
        double half = line.getStrokeWidth() / 2;
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
        List<PathElement> elements = new ArrayList<>(2 * columns + 1);
        for (int c = 0; c < columns; c++) {
            if (!Double.isNaN(bandHigh[c])) {
                double x = plot.left() + c + 0.5;
                double y = plot.y(bandHigh[c]) - half;
                elements.add(elements.isEmpty() ? new MoveTo(x, y) : new LineTo(x, y));
            }
        }
        for (int c = columns - 1; c >= 0; c--) {
            if (!Double.isNaN(bandLow[c])) {
                elements.add(new LineTo(plot.left() + c + 0.5, plot.y(bandLow[c]) + half));
            }
        }
        if (!elements.isEmpty()) {
            elements.add(new ClosePath());
        }
        return elements;
    }

    /** Where the plot sits in its parent and how values map to its height. */
    record Plot(double left, double top, double width, double height, double upper) {
        double y(double value) {
            return top + height - value * height / upper;
        }
    }
}
