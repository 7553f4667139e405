package dev.scaledeck.bench;

import java.util.List;

/**
 * Time from starting the JVM to the first window frame: {@code scaledeck gui} against a minimal
 * JavaFX Hello World, both started the same way ({@link HeadlessJava}: same java, classpath and
 * headless Monocle flags), alternating. Each prints {@link #MARKER} once its stage is shown and a
 * pulse has run. Target: ratio <= 1.5.
 */
final class StartupBenchmark {

    static final String MARKER = dev.scaledeck.ui.ScaleDeckApp.FIRST_FRAME_MARKER;
    private static final int RUNS = 5;

    private StartupBenchmark() {
    }

    static void run() throws Exception {
        List<String> ours = HeadlessJava.scaledeckGui();
        List<String> hello = HeadlessJava.helloWorld();
        timeToMarker(ours);
        timeToMarker(hello);
        double[] a = new double[RUNS];
        double[] b = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            a[i] = timeToMarker(ours);
            b[i] = timeToMarker(hello);
        }
        Bench.line("startup.firstFrame", Bench.median(a), "ms", "javafx.helloWorld", Bench.median(b));
    }

    private static double timeToMarker(List<String> command) throws Exception {
        HeadlessJava.Started started = HeadlessJava.startUntil(command, MARKER);
        HeadlessJava.stop(started.process());
        return started.millis();
    }
}
