package dev.scaledeck.ui.chart;

import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link LiveChartModel}: one line per series, x axis in seconds ago (at most the
 * model's span; less while the data is younger), no animation, no
 * point symbols, no title (the card around it shows {@link LiveChartModel#title()}). Every live chart in the window is one of these, so how charts draw can change
 * here alone. Redraws when the model changes while the chart is in a scene, and once when it
 * joins one. FX thread only.
 */
public final class LiveChart extends StackPane {

    private final LiveChartModel model;
    /** The x axis starts this wide and widens with the data until it spans the model's span. */
    private static final double MIN_VISIBLE_SECONDS = 10;

    private final LineChart<Number, Number> chart;
    private final NumberAxis x;
    private final NumberAxis y;
    /**
     * The value axis always reaches at least this high, so a quiet series draws as a line near
     * zero on a readable scale instead of an axis with one "0.0" tick.
     */
    private static final double MIN_UPPER = 5;
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private long drawnVersion = -1;

    public LiveChart(LiveChartModel model) {
        this.model = model;
        x = new NumberAxis(-MIN_VISIBLE_SECONDS, 0, tickUnit(MIN_VISIBLE_SECONDS));
        x.setAutoRanging(false);
        x.setLabel("seconds ago");
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return String.valueOf(Math.round(Math.abs(value.doubleValue())));
            }

            @Override
            public Number fromString(String text) {
                return -Double.parseDouble(text);
            }
        });
        y = new NumberAxis(0, MIN_UPPER, MIN_UPPER / 5);
        y.setLabel(model.unit());
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
        y.setAnimated(false);
        y.setTickLabelFormatter(new StringConverter<>() {
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
        chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(model.seriesNames().size() > 1);
        chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        for (String name : model.seriesNames()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            series.add(s);
            chart.getData().add(s);
        }
        getStyleClass().add("live-chart");
        getChildren().add(chart);
        model.versionProperty().addListener((obs, old, now) -> redrawIfShown());
        sceneProperty().addListener((obs, old, now) -> redrawIfShown());
        redrawIfShown();
    }

    private static double tickUnit(double visibleSeconds) {
        return visibleSeconds <= 10 ? 2 : visibleSeconds <= 30 ? 5 : visibleSeconds <= 120 ? 10 : 60;
    }

    /** A chart off screen skips redraws and catches up when it is shown again. */
    private void redrawIfShown() {
        if (getScene() == null || drawnVersion == model.versionProperty().get()) {
            return;
        }
        drawnVersion = model.versionProperty().get();
        double[] secondsAgo = model.secondsAgo();
        fitTimeAxis(secondsAgo.length == 0 ? 0 : -secondsAgo[0]);
        double highest = 0;
        for (int s = 0; s < series.size(); s++) {
            double[] values = model.values(s);
            copyInto(series.get(s).getData(), secondsAgo, values);
            for (double v : values) {
                highest = Math.max(highest, v);
            }
        }
        fitValueAxis(highest);
    }

    /** 0 to the next 1-2-5 step above the highest value (with a little headroom), in five ticks. */
    private void fitValueAxis(double highest) {
        double upper = niceCeiling(Math.max(MIN_UPPER, highest * 1.1));
        if (y.getUpperBound() != upper) {
            y.setUpperBound(upper);
            y.setTickUnit(upper / 5);
        }
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * A chart that just started shows its few seconds readably instead of a sliver at the right
     * edge of a minute: the axis widens in steps of ten seconds up to the model's span.
     */
    private void fitTimeAxis(double oldestSecondsAgo) {
        double span = model.span().toMillis() / 1000.0;
        double visible = Math.min(span, Math.max(MIN_VISIBLE_SECONDS, Math.ceil(oldestSecondsAgo / 10) * 10));
        if (x.getLowerBound() != -visible) {
            x.setLowerBound(-visible);
            x.setTickUnit(tickUnit(visible));
        }
    }

    /** Reuses the chart's data points rather than replacing them: no node churn per tick. */
    private static void copyInto(ObservableList<XYChart.Data<Number, Number>> data, double[] x, double[] y) {
        int reuse = Math.min(data.size(), x.length);
        for (int i = 0; i < reuse; i++) {
            XYChart.Data<Number, Number> d = data.get(i);
            d.setXValue(x[i]);
            d.setYValue(y[i]);
        }
        if (data.size() > x.length) {
            data.remove(x.length, data.size());
        } else if (data.size() < x.length) {
            List<XYChart.Data<Number, Number>> added = new ArrayList<>(x.length - reuse);
            for (int i = reuse; i < x.length; i++) {
                added.add(new XYChart.Data<>(x[i], y[i]));
            }
            data.addAll(added);
        }
    }

    public LiveChartModel model() {
        return model;
    }

    /** Seconds the x axis spans now. */
    public double visibleSeconds() {
        return -x.getLowerBound();
    }

    /** Points currently drawn in the series called {@code name}: what the screen shows, for tests. */
    public int drawnPoints(String name) {
        return series.get(model.seriesNames().indexOf(name)).getData().size();
    }
}
