package dev.scaledeck.ui.chart;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.Polyline;

/**
 * How one series is drawn on the plot's canvas: a line in the colour, width and dashes the
 * window's stylesheet gives its {@code chart-series-line} (a stock chart's style class, on a
 * {@link Polyline} that is never drawn and only carries the style) through the points
 * {@link M4Decimation} picks; or, once there are more than {@link #BAND_DENSITY} points per pixel
 * column, the band that line's stroke would fill: in each column a one-pixel-wide bar from the
 * lowest to the highest value the line takes within half a stroke of it, widened by half a stroke.
 * The two colour nearly the same pixels, but the software renderer pays for every scanline a
 * segment crosses, and a dense line criss-crosses each column several times. A dashed line (a
 * threshold) stays a line.
 *
 * <p>Drawing on a canvas, from arrays, makes no objects per frame: a polyline node's points are
 * boxed {@code Double}s in an observable list, and replacing them records every removed one, which
 * at 10k points was most of a frame's garbage and made the collections that set the slowest
 * frames. FX thread only.
 */
final class SeriesShape {

    /** Points per pixel column above which a series is drawn as a band. */
    static final double BAND_DENSITY = 2;
    private static final double[] SOLID = new double[0];

    private final Polyline style = new Polyline();
    private double[] cornerX = new double[0];
    private double[] cornerY = new double[0];
    private int corners;
    private boolean dense;
    private int[] picked = new int[0];
    private double[] lowest = new double[0];
    private double[] highest = new double[0];
    private double[] bandLow = new double[0];
    private double[] bandHigh = new double[0];

    SeriesShape(int index) {
        style.getStyleClass().setAll("chart-series-line", "series" + index, "default-color" + (index % 8));
        style.setManaged(false);
        style.setVisible(false);
    }

    /** The node that carries the series' style; never drawn. */
    Polyline styleNode() {
        return style;
    }

    /** Corners of what was drawn last: the line's points, or two per column of the band. */
    int vertices() {
        return corners;
    }

    /** Whether the last frame drew the series as a band rather than a line. */
    boolean drawnAsBand() {
        return dense;
    }

    /**
     * Draws points {@code from} to {@code to} (exclusive) of {@code values}, at {@code pixelX}, in
     * {@code plot}'s coordinates on {@code g}; the first may lie left of the plot, so that the
     * line enters at its edge.
     *
     * @param inView how many of the points lie inside the plot
     */
    void draw(GraphicsContext g, double[] pixelX, double[] values, int from, int to, int inView, Plot plot) {
        int columns = Math.max(1, (int) plot.width());
        dense = inView > BAND_DENSITY * columns && style.getStrokeDashArray().isEmpty();
        g.setGlobalAlpha(style.getOpacity());
        if (dense) {
            drawBand(g, pixelX, values, from, to, columns, plot);
        } else {
            drawLine(g, pixelX, values, from, to, columns, plot);
        }
    }

    private void drawLine(GraphicsContext g, double[] pixelX, double[] values, int from, int to, int columns, Plot plot) {
        if (picked.length < M4Decimation.maxPicked(columns)) {
            picked = new int[M4Decimation.maxPicked(columns)];
            cornerX = new double[picked.length];
            cornerY = new double[picked.length];
        }
        corners = M4Decimation.pick(pixelX, values, from, to, columns, picked);
        for (int k = 0; k < corners; k++) {
            int i = picked[k];
            cornerX[k] = pixelX[i];
            cornerY[k] = plot.y(values[i]);
        }
        g.setStroke(style.getStroke());
        g.setLineWidth(style.getStrokeWidth());
        g.setLineCap(style.getStrokeLineCap());
        g.setLineJoin(style.getStrokeLineJoin());
        g.setMiterLimit(style.getStrokeMiterLimit());
        g.setLineDashes(dashes());
        g.setLineDashOffset(style.getStrokeDashOffset());
        g.strokePolyline(cornerX, cornerY, corners);
    }

    private double[] dashes() {
        var dashes = style.getStrokeDashArray();
        if (dashes.isEmpty()) {
            return SOLID;
        }
        double[] d = new double[dashes.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dashes.get(i);
        }
        return d;
    }

    /**
     * What the line's stroke covers: in each pixel column, the values the line takes within half a
     * stroke to either side, widened by half a stroke up and down, as a bar one pixel wide.
     */
    private void drawBand(GraphicsContext g, double[] pixelX, double[] values, int from, int to, int columns, Plot plot) {
        double half = style.getStrokeWidth() / 2;
        columnRanges(pixelX, values, from, to, columns, half);
        g.setFill(style.getStroke());
        corners = 0;
        for (int c = 0; c < columns; c++) {
            if (!Double.isNaN(bandHigh[c])) {
                double top = plot.y(bandHigh[c]) - half;
                double bottom = plot.y(bandLow[c]) + half;
                g.fillRect(c, top, 1, bottom - top);
                corners += 2;
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

    /** The plot's size and how values map to its height; the canvas's origin is its top left corner. */
    record Plot(double width, double height, double upper) {
        double y(double value) {
            return height - value * height / upper;
        }
    }
}
