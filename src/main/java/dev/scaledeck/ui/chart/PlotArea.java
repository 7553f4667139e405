package dev.scaledeck.ui.chart;

import javafx.collections.ListChangeListener;
import javafx.geometry.Side;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The axes, grid and lines of a {@link LiveChart}, laid out and styled as a stock
 * {@code LineChart}'s content is (the same style classes, so the window's stylesheet applies
 * unchanged), but the series are drawn on one canvas over the plot, each by a {@link SeriesShape}:
 * a line through at most four points per pixel column ({@link M4Decimation}), or the band a dense
 * line fills, instead of one node per point. A frame costs a pass over the points held (arithmetic
 * on arrays, no objects) and drawing
 * O(width) corners, however long the history.
 *
 * <p>Redraws in its layout pass, and only when the model's version, the size or the span asked
 * for has changed since the last one; a chart that is not in a scene gets no layout pass, so it
 * does no work until it is shown again. Unmanaged, like a chart's content: a new point lays out
 * this region alone, not the section around it. FX thread only.
 */
final class PlotArea extends Region {

    private final LiveChartModel model;
    private final NumberAxis x;
    private final NumberAxis y;
    private final Region background = new Region();
    private final Path grid = new Path();
    private final Line verticalZeroLine = new Line();
    private final Line horizontalZeroLine = new Line();
    /** The series, drawn over the plot and no further (what a stock chart clips its content to). */
    private final Canvas lines = new Canvas();
    private final SeriesShape[] series;
    private final int[] drawnPoints;

    private double spanSeconds;
    private long drawnVersion = -1;
    private double drawnWidth = -1;
    private double drawnHeight = -1;
    private double drawnSpan = -1;
    /** What the axes were last laid out for: the area and both ranges. */
    private final double[] axesFor = new double[6];
    private double plotLeft;
    private double plotTop;
    private double plotWidth;
    private double plotHeight;

    private double[] secondsAgo = new double[0];
    private double[][] values;
    private double[] pixelX = new double[0];

    PlotArea(LiveChartModel model, double spanSeconds) {
        this.model = model;
        this.spanSeconds = spanSeconds;
        getStyleClass().add("chart-content");
        x = timeAxis();
        y = valueAxis(model.unit());
        background.getStyleClass().add("chart-plot-background");
        grid.getStyleClass().add("chart-horizontal-grid-lines");
        verticalZeroLine.getStyleClass().add("chart-vertical-zero-line");
        horizontalZeroLine.getStyleClass().add("chart-horizontal-zero-line");
        int count = model.seriesNames().size();
        series = new SeriesShape[count];
        drawnPoints = new int[count];
        values = new double[count][0];
        for (int s = 0; s < count; s++) {
            series[s] = new SeriesShape(s);
        }
        for (var decoration : List.of(background, grid, lines, verticalZeroLine, horizontalZeroLine)) {
            decoration.setManaged(false);
        }
        getChildren().addAll(background, grid, verticalZeroLine, horizontalZeroLine, lines, x, y);
        // Never drawn: they carry each series' style from the stylesheet to the canvas, which
        // draws again when the style changes.
        for (SeriesShape shape : series) {
            getChildren().add(shape.styleNode());
            shape.styleNode().strokeProperty().addListener((obs, old, now) -> redraw());
            shape.styleNode().strokeWidthProperty().addListener((obs, old, now) -> redraw());
            shape.styleNode().getStrokeDashArray().addListener((ListChangeListener<Double>) c -> redraw());
        }
    }

    /** Seconds ago, from the span shown to 0 at the right. */
    private static NumberAxis timeAxis() {
        NumberAxis axis = new NumberAxis(-ChartScale.MIN_VISIBLE_SECONDS, 0,
                ChartScale.timeTick(ChartScale.MIN_VISIBLE_SECONDS));
        axis.setSide(Side.BOTTOM);
        axis.setLabel("seconds ago");
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return String.valueOf(Math.round(Math.abs(value.doubleValue())));
            }

            @Override
            public Number fromString(String text) {
                return -Double.parseDouble(text);
            }
        });
        return fixed(axis);
    }

    /** 0 to the upper bound {@link #fitAxes} sets, in {@code unit}. */
    private static NumberAxis valueAxis(String unit) {
        NumberAxis axis = new NumberAxis(0, ChartScale.MIN_UPPER, ChartScale.MIN_UPPER / ChartScale.VALUE_TICKS);
        axis.setSide(Side.LEFT);
        axis.setLabel(unit);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                double v = value.doubleValue();
                return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.1f", v);
            }

            @Override
            public Number fromString(String text) {
                return Double.parseDouble(text);
            }
        });
        return fixed(axis);
    }

    /** Ranges set by the chart, changed at once, major ticks only. */
    private static NumberAxis fixed(NumberAxis axis) {
        axis.setAutoRanging(false);
        axis.setAnimated(false);
        axis.setMinorTickVisible(false);
        return axis;
    }

    private void redraw() {
        drawnVersion = -1;
        requestLayout();
    }

    /** Asks for the points of the last {@code seconds} (the history permitting); redraws. */
    void setSpanSeconds(double seconds) {
        spanSeconds = seconds;
        requestLayout();
    }

    /** Seconds the time axis spans now. */
    double visibleSeconds() {
        return -x.getLowerBound();
    }

    /** Model points of series {@code s} inside the time axis at the last redraw. */
    int drawnPoints(int s) {
        return drawnPoints[s];
    }

    /** Corners of what series {@code s} is drawn as now (after decimation), for tests. */
    int lineVertices(int s) {
        return series[s].vertices();
    }

    /** Whether series {@code s} was last drawn as the band a dense line fills, for tests. */
    boolean drawnAsBand(int s) {
        return series[s].drawnAsBand();
    }

    @Override
    protected void layoutChildren() {
        double top = snappedTopInset();
        double left = snappedLeftInset();
        double width = snapSizeX(getWidth() - left - snappedRightInset());
        double height = snapSizeY(getHeight() - top - snappedBottomInset());
        long version = model.versionProperty().get();
        if (version == drawnVersion && width == drawnWidth && height == drawnHeight && spanSeconds == drawnSpan) {
            return;
        }
        drawnVersion = version;
        drawnWidth = width;
        drawnHeight = height;
        drawnSpan = spanSeconds;
        if (width <= 0 || height <= 0) {
            return;
        }
        int n = readModel();
        double visible = ChartScale.visibleSeconds(spanSeconds, n == 0 ? 0 : -secondsAgo[0]);
        int firstInView = firstInView(n, -visible);
        // the point before enters the plot at its left edge
        int from = Math.max(0, firstInView - 1);
        fitAxes(visible, ChartScale.valueUpper(highest(from, n)));
        layoutAxes(top, left, width, height);
        revealEndLabels(x);
        revealEndLabels(y);
        double perSecond = plotWidth / visible;
        for (int i = from; i < n; i++) {
            pixelX[i] = (secondsAgo[i] + visible) * perSecond;
        }
        // The canvas sits on the plot: its origin is the plot's top left corner.
        SeriesShape.Plot plot = new SeriesShape.Plot(plotWidth, plotHeight, y.getUpperBound());
        GraphicsContext g = lines.getGraphicsContext2D();
        g.clearRect(0, 0, lines.getWidth(), lines.getHeight());
        for (int s = 0; s < series.length; s++) {
            drawnPoints[s] = n - firstInView;
            series[s].draw(g, pixelX, values[s], from, n, n - firstInView, plot);
        }
    }

    /** Copies the model's points into the reusable buffers; returns how many there are. */
    private int readModel() {
        int n = model.size();
        if (secondsAgo.length < n) {
            int grown = Math.max(n, secondsAgo.length * 2);
            secondsAgo = new double[grown];
            pixelX = new double[grown];
            for (int s = 0; s < values.length; s++) {
                values[s] = new double[grown];
            }
        }
        model.secondsAgo(secondsAgo);
        for (int s = 0; s < values.length; s++) {
            model.values(s, values[s]);
        }
        return n;
    }

    /** The highest finite value of any series among points {@code from} to {@code to}; 0 when none is higher. */
    private double highest(int from, int to) {
        double highest = 0;
        for (double[] v : values) {
            for (int i = from; i < to; i++) {
                if (v[i] > highest && Double.isFinite(v[i])) {
                    highest = v[i];
                }
            }
        }
        return highest;
    }

    /** The first point no older than {@code oldest} (negative seconds); {@code n} when none is. */
    private int firstInView(int n, double oldest) {
        int found = Arrays.binarySearch(secondsAgo, 0, n, oldest);
        if (found < 0) {
            return -found - 1;
        }
        while (found > 0 && secondsAgo[found - 1] == oldest) {
            found--;
        }
        return found;
    }

    private void fitAxes(double visible, double upper) {
        if (x.getLowerBound() != -visible) {
            x.setLowerBound(-visible);
            x.setTickUnit(ChartScale.timeTick(visible));
        }
        if (y.getUpperBound() != upper) {
            y.setUpperBound(upper);
            y.setTickUnit(upper / ChartScale.VALUE_TICKS);
        }
    }

    /**
     * Sizes the axes as {@code XYChart} does (the value axis as wide as its labels, the time axis
     * below), and the plot in what is left; only when the area or an axis range changed.
     */
    private void layoutAxes(double top, double left, double width, double height) {
        double[] now = {top, left, width, height, x.getLowerBound(), y.getUpperBound()};
        if (Arrays.equals(now, axesFor)) {
            return;
        }
        System.arraycopy(now, 0, axesFor, 0, now.length);
        double xAxisHeight = 30;
        double yAxisWidth = 0;
        double yAxisHeight = 0;
        double xAxisWidth = 0;
        for (int round = 0; round < 5; round++) {
            yAxisHeight = Math.max(0, snapSizeY(height - xAxisHeight));
            yAxisWidth = y.prefWidth(yAxisHeight);
            xAxisWidth = Math.max(0, snapSizeX(width - yAxisWidth));
            double newXAxisHeight = x.prefHeight(xAxisWidth);
            if (newXAxisHeight == xAxisHeight) {
                break;
            }
            xAxisHeight = newXAxisHeight;
        }
        xAxisWidth = Math.ceil(xAxisWidth);
        xAxisHeight = Math.ceil(xAxisHeight);
        yAxisWidth = Math.ceil(yAxisWidth);
        yAxisHeight = Math.ceil(yAxisHeight);
        plotLeft = left + yAxisWidth;
        plotTop = top;
        plotWidth = xAxisWidth;
        plotHeight = yAxisHeight;
        x.resizeRelocate(plotLeft, top + yAxisHeight, xAxisWidth, xAxisHeight);
        y.resizeRelocate(left + 1, top, yAxisWidth, yAxisHeight);
        x.requestAxisLayout();
        x.layout();
        y.requestAxisLayout();
        y.layout();
        background.resizeRelocate(plotLeft, plotTop, plotWidth, plotHeight);
        lines.relocate(plotLeft, plotTop);
        lines.setWidth(plotWidth + 1);
        lines.setHeight(plotHeight + 1);
        verticalZeroLine.setStartX(plotLeft + plotWidth + 0.5);
        verticalZeroLine.setEndX(plotLeft + plotWidth + 0.5);
        verticalZeroLine.setStartY(plotTop);
        verticalZeroLine.setEndY(plotTop + plotHeight);
        horizontalZeroLine.setStartX(plotLeft);
        horizontalZeroLine.setEndX(plotLeft + plotWidth);
        horizontalZeroLine.setStartY(plotTop + plotHeight + 0.5);
        horizontalZeroLine.setEndY(plotTop + plotHeight + 0.5);
        List<PathElement> gridLines = new ArrayList<>();
        for (var tick : y.getTickMarks()) {
            double at = y.getDisplayPosition(tick.getValue());
            if (at >= 0 && at < plotHeight && tick.getValue().doubleValue() != 0) {
                gridLines.add(new MoveTo(plotLeft, plotTop + at + 0.5));
                gridLines.add(new LineTo(plotLeft + plotWidth, plotTop + at + 0.5));
            }
        }
        grid.getElements().setAll(gridLines);
    }

    /**
     * Shows the labels of the ticks on the axis' ends again when {@code Axis} hid them for lying
     * outside the axis: it places a bound at {@code bound * (length / range)}, which rounding can
     * put a hair outside (a 485 px time axis over 30 s lost its "0" that way, as stock charts do
     * now and then). A label the axis dropped to avoid overlaps stays hidden.
     */
    private static void revealEndLabels(NumberAxis axis) {
        double length = axis.getSide().isVertical() ? axis.getHeight() : axis.getWidth();
        for (Axis.TickMark<Number> tick : axis.getTickMarks()) {
            double at = tick.getPosition();
            boolean roundedOut = (at < 0 && at > -0.5) || (at > Math.ceil(length) && at < length + 0.5);
            if (tick.isTextVisible() && roundedOut) {
                String text = axis.getTickLabelFormatter().toString(tick.getValue());
                for (Node child : axis.getChildrenUnmodifiable()) {
                    if (child instanceof Text label && text.equals(label.getText())) {
                        label.setVisible(true);
                    }
                }
            }
        }
    }
}
