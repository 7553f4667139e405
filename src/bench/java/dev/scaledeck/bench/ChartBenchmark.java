package dev.scaledeck.bench;

import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.chart.LiveChartModel;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Frame times of our {@link LiveChart} against a stock {@link LineChart} (animation off, no
 * symbols) holding the same points, at 10k and 100k points, in the same run.
 *
 * <p>Method: a child JVM started like the startup benchmark's ({@link HeadlessJava}: Monocle
 * headless, software rendering) puts each chart alone in a 1000x400 scene with the window's
 * stylesheet (the stock chart wrapped as the window used to wrap it, so both get the same CSS).
 * One series, a seeded random walk at 2 Hz. One frame is: append one point, dropping the oldest
 * (our model is a ring buffer; the stock chart removes its first {@code Data} and adds one, and
 * its x axis moves by half a second, as a scrolling stock chart must), then
 * {@code Scene.snapshot} into a reused image, which applies CSS, lays the scene out and renders
 * all of it with the software pipeline, synchronously. Timed from before the append to after the
 * snapshot, on the FX thread, after both charts have had 8 s of warm-up frames; the figure is the 99th percentile. The stock
 * chart at 100k points takes so long per frame that it gets fewer frames (the comment lines say
 * how many). Targets: ours at most a tenth of the stock chart's p99 at 10k; ours at 100k within
 * 40 ms (25 Hz).
 */
final class ChartBenchmark {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 400;
    private static final double FRAME_BUDGET_25HZ_MS = 40;
    private static final Duration WARM_UP = Duration.ofSeconds(8);

    private ChartBenchmark() {
    }

    static void run() throws Exception {
        Process p = new ProcessBuilder(HeadlessJava.command(Frames.class.getName())).inheritIO().start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("The chart frames JVM failed (exit " + exit + ")");
        }
    }

    /** The child JVM: starts the toolkit and measures on its thread. */
    public static final class Frames {

        public static void main(String[] args) throws Exception {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.join();
            for (int points : new int[] {10_000, 100_000}) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                Platform.runLater(() -> {
                    try {
                        compare(points);
                        done.complete(null);
                    } catch (RuntimeException | Error e) {
                        done.completeExceptionally(e);
                    }
                });
                done.join();
            }
            Platform.exit();
            System.exit(0);
        }
    }

    private static void compare(int points) {
        boolean huge = points >= 100_000;
        double[] walk = randomWalk(points + 2_000, points);
        // Both charts are warmed up for the same time before either is timed: they share the
        // renderer's code, and the one timed first in a fresh JVM would otherwise pay for compiling
        // it. A window's charts run for hours; the figure is their steady state.
        // Each is then timed with the heap to itself, as a window holds one kind of chart: the
        // stock chart's 10k nodes would otherwise lengthen the collections in our frames.
        Shown ours = new Shown(new OurChart(points, walk));
        Shown theirs = new Shown(new StockChart(points, walk));
        double[] theirTimes = theirs.measure(huge ? 30 : 300, 90);
        theirs = null;
        double[] ourTimes = ours.measure(1_000, 120);
        String size = points / 1000 + "k";
        Bench.line("chart.frame.p99." + size, p99(ourTimes), "ms", "javafx.LineChart", p99(theirTimes));
        System.out.println(String.format(Locale.ROOT,
                "# chart.frame.%s: LiveChart p50 %.2f ms over %d frames; LineChart p50 %.1f ms over %d frames",
                size, Bench.median(ourTimes), ourTimes.length, Bench.median(theirTimes), theirTimes.length));
        if (huge) {
            System.out.println(String.format(Locale.ROOT, "# chart.frame.%s: 25 Hz needs p99 <= %.0f ms: %s",
                    size, FRAME_BUDGET_25HZ_MS, p99(ourTimes) <= FRAME_BUDGET_25HZ_MS ? "held" : "NOT held"));
        }
        System.out.flush();
    }

    /** A walk between 0 and 100, the same for both charts. */
    private static double[] randomWalk(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        double at = 50;
        for (int i = 0; i < n; i++) {
            at = Math.max(0, Math.min(100, at + random.nextGaussian() * 3));
            v[i] = at;
        }
        return v;
    }

    /** A chart alone in its scene, warmed up by {@link #WARM_UP} of untimed frames (at least three). */
    private static final class Shown {
        private final Chart chart;
        private final Scene scene;
        private final WritableImage image = new WritableImage(WIDTH, HEIGHT);

        Shown(Chart chart) {
            this.chart = chart;
            scene = new Scene(chart.root(), WIDTH, HEIGHT);
            scene.getStylesheets().add(LiveChart.class.getResource("/dev/scaledeck/ui/scaledeck.css").toExternalForm());
            scene.snapshot(image);
            long until = System.nanoTime() + WARM_UP.toNanos();
            for (int i = 0; i < 3 || System.nanoTime() < until; i++) {
                frame();
            }
        }

        private void frame() {
            chart.append();
            scene.snapshot(image);
        }

        /** Frame times in ms: {@code frames} of them, or fewer when they would take more than {@code budgetSeconds}. */
        double[] measure(int frames, int budgetSeconds) {
            System.gc();
            List<Double> times = new ArrayList<>(frames);
            long deadline = System.nanoTime() + budgetSeconds * 1_000_000_000L;
            for (int i = 0; i < frames && (i < 5 || System.nanoTime() < deadline); i++) {
                long start = System.nanoTime();
                frame();
                times.add((System.nanoTime() - start) / 1e6);
            }
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static double p99(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)];
    }

    /** A chart full of points that takes one more per frame. */
    private interface Chart {
        Parent root();

        void append();
    }

    private static final class OurChart implements Chart {
        private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
        private final LiveChartModel model;
        private final LiveChart chart;
        private final double[] walk;
        private int next;

        OurChart(int points, double[] walk) {
            this.walk = walk;
            model = new LiveChartModel("Bench", "ms", points, Duration.ofMillis(500L * points), List.of("value"));
            for (next = 0; next < points; next++) {
                model.add(T0.plusMillis(500L * next), walk[next]);
            }
            chart = new LiveChart(model);
        }

        @Override
        public Parent root() {
            return chart;
        }

        @Override
        public void append() {
            model.add(T0.plusMillis(500L * next), walk[next % walk.length]);
            next++;
        }
    }

    /** The chart as the window built it before: a LineChart in a StackPane styled "live-chart". */
    private static final class StockChart implements Chart {
        private final StackPane root;
        private final NumberAxis x;
        private final ObservableList<XYChart.Data<Number, Number>> data;
        private final double[] walk;
        private final int points;
        private int next;

        StockChart(int points, double[] walk) {
            this.walk = walk;
            this.points = points;
            double span = points / 2.0;
            x = new NumberAxis(0, span, span / 5);
            x.setAutoRanging(false);
            x.setAnimated(false);
            x.setMinorTickVisible(false);
            x.setLabel("seconds");
            NumberAxis y = new NumberAxis(0, 200, 40);
            y.setAutoRanging(false);
            y.setAnimated(false);
            y.setMinorTickVisible(false);
            y.setLabel("ms");
            LineChart<Number, Number> chart = new LineChart<>(x, y);
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            chart.setLegendVisible(false);
            chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
            chart.setVerticalGridLinesVisible(false);
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName("value");
            List<XYChart.Data<Number, Number>> initial = new ArrayList<>(points);
            for (next = 0; next < points; next++) {
                initial.add(new XYChart.Data<>(next / 2.0, walk[next]));
            }
            series.getData().setAll(initial);
            chart.getData().add(series);
            data = series.getData();
            root = new StackPane(chart);
            root.getStyleClass().add("live-chart");
            moveAxis();
        }

        private void moveAxis() {
            double newest = (next - 1) / 2.0;
            x.setLowerBound(newest - (points - 1) / 2.0);
            x.setUpperBound(newest);
        }

        @Override
        public Parent root() {
            return root;
        }

        @Override
        public void append() {
            data.remove(0);
            data.add(new XYChart.Data<>(next / 2.0, walk[next % walk.length]));
            next++;
            moveAxis();
        }
    }
}
