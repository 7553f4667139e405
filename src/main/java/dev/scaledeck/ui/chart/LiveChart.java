package dev.scaledeck.ui.chart;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Draws a {@link LiveChartModel}: one line per series in the colours of the window's stylesheet,
 * x axis in seconds ago, y axis in the model's unit, horizontal grid lines, a legend when there is
 * more than one series, no point symbols, no title (the card around it shows
 * {@link LiveChartModel#title()}). Every live chart in the window is one of these, so how charts
 * draw can change here alone.
 *
 * <p>It looks like the stock {@code LineChart} it replaces (same style classes) but draws each
 * series on one canvas, through at most four points per pixel column, so a frame costs the same
 * with ten minutes of history as with ten seconds (see {@link PlotArea}). The x axis spans the
 * model's {@link LiveChartModel#span() span} unless the operator picks another one from the
 * chart's context menu (less while the data is younger). Redraws when the model, the size or the
 * span changes, and only while the chart is in a scene. FX thread only.
 */
public final class LiveChart extends StackPane {

    /** What the context menu offers besides the model's own span. */
    private static final Duration[] SPANS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10)};

    private final LiveChartModel model;
    private final PlotArea plot;
    private final ObjectProperty<Duration> span;
    private ContextMenu spanMenu;

    public LiveChart(LiveChartModel model) {
        this.model = model;
        span = new SimpleObjectProperty<>(this, "span", model.span());
        plot = new PlotArea(model, seconds(model.span()));
        ChartLegend legend = model.seriesNames().size() > 1 ? new ChartLegend(model.seriesNames()) : null;
        getStyleClass().add("live-chart");
        getChildren().add(new ChartFrame(plot, legend));
        model.versionProperty().addListener((obs, old, now) -> plot.requestLayout());
        span.addListener((obs, old, now) -> plot.setSpanSeconds(seconds(Objects.requireNonNull(now, "span"))));
        setOnContextMenuRequested(e -> {
            spanMenu().show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** Built when first asked for: most charts never are, and the window's first frame needs none. */
    private ContextMenu spanMenu() {
        if (spanMenu == null) {
            TreeSet<Duration> choices = new TreeSet<>(List.of(SPANS));
            choices.add(model.span());
            ToggleGroup group = new ToggleGroup();
            spanMenu = new ContextMenu();
            for (Duration d : choices) {
                RadioMenuItem item = new RadioMenuItem("Show the last " + describe(d));
                item.setUserData(d);
                item.setToggleGroup(group);
                item.setSelected(d.equals(span.get()));
                item.setOnAction(e -> span.set(d));
                spanMenu.getItems().add(item);
            }
            span.addListener((obs, old, now) -> group.getToggles().forEach(t -> t.setSelected(now.equals(t.getUserData()))));
        }
        return spanMenu;
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 60 == 0) {
            return s == 60 ? "minute" : s / 60 + " minutes";
        }
        return s + " seconds";
    }

    public LiveChartModel model() {
        return model;
    }

    /**
     * How far back the x axis reaches when the history does: the model's span unless the operator
     * chose another. The history the model holds bounds what is drawn.
     */
    public ObjectProperty<Duration> spanProperty() {
        return span;
    }

    /** Seconds the x axis spans now. */
    public double visibleSeconds() {
        return plot.visibleSeconds();
    }

    /**
     * Model points of the series called {@code name} on screen (inside the x axis) at the last
     * redraw, however few of them the line needs to run through. For tests.
     */
    public int drawnPoints(String name) {
        int s = model.seriesNames().indexOf(name);
        if (s < 0) {
            throw new IllegalArgumentException("no series " + name + " in " + model.seriesNames());
        }
        return plot.drawnPoints(s);
    }

    /** Points the line of the series called {@code name} runs through now, after decimation. */
    int lineVertices(String name) {
        return plot.lineVertices(model.seriesNames().indexOf(name));
    }

    /** Whether the series called {@code name} was last drawn as the band a dense line fills. */
    boolean drawnAsBand(String name) {
        return plot.drawnAsBand(model.seriesNames().indexOf(name));
    }
}
