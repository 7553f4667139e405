package dev.scaledeck.ui.chart;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link LiveChart} laid out and rendered in a scene with the window's stylesheet (headless). */
class LiveChartIT {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
    private static final double WIDTH = 800;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    /** Puts the chart in a scene of its own and renders one frame (CSS, layout, drawing). */
    private static Scene show(LiveChart chart, double height) {
        Scene scene = new Scene(new StackPane(chart), WIDTH, height);
        scene.getStylesheets().add(LiveChart.class.getResource("/dev/scaledeck/ui/scaledeck.css").toExternalForm());
        scene.snapshot(null);
        return scene;
    }

    /** {@code n} points at 2 Hz: a sine wave, and a constant line as a threshold would be. */
    private static void fill(LiveChartModel model, int n) {
        for (int i = 0; i < n; i++) {
            double[] point = new double[model.seriesNames().size()];
            point[0] = 50 + 40 * Math.sin(i / 20.0);
            for (int s = 1; s < point.length; s++) {
                point[s] = 80;
            }
            model.add(T0.plusMillis(500L * i), point);
        }
    }

    @Test
    void shouldDrawAHundredThousandPointsThroughAtMostFourPerPixelColumn() throws Exception {
        int n = 100_000;
        LiveChartModel model = new LiveChartModel("Long", "ms", n, Duration.ofSeconds(n / 2), List.of("a", "threshold"));
        fill(model, n);

        LiveChart chart = onFx(() -> {
            LiveChart c = new LiveChart(model);
            show(c, 300);
            return c;
        });

        assertThat(onFx(() -> chart.drawnPoints("a"))).isEqualTo(n);
        assertThat(onFx(() -> chart.lineVertices("a"))).isBetween(2, 4 * (int) WIDTH + 1);
        assertThat(onFx(() -> chart.lineVertices("threshold"))).as("a constant line").isLessThanOrEqualTo(2 * (int) WIDTH + 1);
    }

    @Test
    void shouldKeepAThresholdsDashedLineADashedLineHoweverDense() throws Exception {
        int n = 10_000;
        LiveChartModel model = new LiveChartModel("cpu", "%", n, Duration.ofSeconds(n / 2),
                List.of("fleet average", "scale up above"));
        fill(model, n);

        LiveChart chart = onFx(() -> {
            LiveChart c = new LiveChart(model);
            c.getStyleClass().add("metric-chart");
            show(c, 300);
            return c;
        });
        Node thresholdStyle = onFx(() -> chart.lookup(".chart-series-line.series1"));

        assertThat(((Shape) thresholdStyle).getStrokeDashArray()).as("the stylesheet's dashes").isNotEmpty();
        assertThat(onFx(() -> chart.drawnAsBand("scale up above"))).as("the dashed threshold").isFalse();
        assertThat(onFx(() -> chart.drawnAsBand("fleet average"))).as("10k points in 300 px").isTrue();
    }

    @Test
    void shouldPaintEachSeriesInItsStylesheetColourAsALineOrABand() throws Exception {
        LiveChartModel sparse = LiveChartModel.of("Traffic", "per second", "requests", "limit");
        fill(sparse, 100);
        LiveChartModel dense = new LiveChartModel("Long", "ms", 20_000, Duration.ofSeconds(10_000), List.of("a", "b"));
        fill(dense, 20_000);

        WritableImage lines = onFx(() -> show(new LiveChart(sparse), 300).snapshot(null));
        WritableImage bands = onFx(() -> show(new LiveChart(dense), 300).snapshot(null));

        // default-color0 and default-color1 in scaledeck.css
        assertThat(pixelsNear(lines, Color.web("#2563eb"))).as("the sine line").isGreaterThan(300);
        assertThat(pixelsNear(lines, Color.web("#0d9488"))).as("the constant line").isGreaterThan(300);
        assertThat(pixelsNear(bands, Color.web("#2563eb"))).as("the band of 20k points").isGreaterThan(3_000);
        assertThat(pixelsNear(bands, Color.web("#0d9488"))).as("the constant line, as a band").isGreaterThan(300);
    }

    private static int pixelsNear(WritableImage image, Color colour) {
        int near = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                Color c = image.getPixelReader().getColor(x, y);
                double distance = Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue());
                if (distance < 0.1) {
                    near++;
                }
            }
        }
        return near;
    }

    @Test
    void shouldShowTheDefaultSpanOfTheHistoryUntilTheOperatorWidensIt() throws Exception {
        LiveChartModel model = LiveChartModel.of("Traffic", "per second", "requests");
        fill(model, 1200);

        LiveChart chart = onFx(() -> {
            LiveChart c = new LiveChart(model);
            show(c, 300);
            return c;
        });
        assertThat(onFx(chart::visibleSeconds)).isEqualTo(60);
        assertThat(onFx(() -> chart.drawnPoints("requests"))).as("-60 s to 0 at 2 Hz").isEqualTo(121);

        int widened = onFx(() -> {
            chart.spanProperty().set(Duration.ofMinutes(10));
            chart.getScene().snapshot(null);
            return chart.drawnPoints("requests");
        });

        assertThat(widened).isEqualTo(1200);
        assertThat(onFx(chart::visibleSeconds)).isEqualTo(600);
    }

    @Test
    void shouldDrawNothingWhileNotInASceneAndCatchUpWhenShown() throws Exception {
        LiveChartModel model = LiveChartModel.of("Traffic", "per second", "requests");
        LiveChart chart = onFx(() -> new LiveChart(model));

        fill(model, 20);

        assertThat(onFx(() -> chart.drawnPoints("requests"))).isZero();
        int shown = onFx(() -> {
            show(chart, 300);
            return chart.drawnPoints("requests");
        });
        assertThat(shown).isEqualTo(20);
        assertThat(onFx(chart::visibleSeconds)).as("ten seconds of data, widened in steps of ten").isEqualTo(10);
    }

    @Test
    void shouldShowALegendForSeveralSeriesWhenThereIsRoomForIt() throws Exception {
        LiveChartModel two = LiveChartModel.of("Traffic", "per second", "Requests", "Connections");
        LiveChartModel one = LiveChartModel.of("Errors", "per second", "errors");

        Node tallLegend = onFx(() -> show(new LiveChart(two), 400).lookup(".chart-legend"));
        Node shortLegend = onFx(() -> show(new LiveChart(LiveChartModel.of("c", "u", "x", "y")), 150)
                .lookup(".chart-legend"));
        Node noLegend = onFx(() -> show(new LiveChart(one), 400).lookup(".chart-legend"));

        assertThat(tallLegend.isVisible()).isTrue();
        assertThat(shortLegend.isVisible()).as("a stock chart drops it below 150 px of plot").isFalse();
        assertThat(noLegend).isNull();
    }
}
