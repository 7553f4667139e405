package dev.scaledeck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from starting the JVM to the first window frame: {@code scaledeck gui} against a minimal
 * JavaFX Hello World, both started the same way (same java, classpath and headless Monocle
 * flags), alternating. Each prints {@link #MARKER} once its stage is shown and a pulse has run.
 * Target: ratio <= 1.5.
 */
final class StartupBenchmark {

    static final String MARKER = dev.scaledeck.ui.ScaleDeckApp.FIRST_FRAME_MARKER;
    private static final int RUNS = 5;

    private StartupBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("scaledeck-bench-home");
        List<String> common = List.of(javaBin(), "-Dtestfx.headless=true", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dscaledeck.printFirstFrame=true",
                "-cp", System.getProperty("java.class.path"));
        List<String> ours = new ArrayList<>(common);
        ours.addAll(List.of("dev.scaledeck.Main", "gui", "--home", home.toString(),
                "--set", "embedded.ambientRate=0"));
        List<String> hello = new ArrayList<>(common);
        hello.add(HelloFx.Main.class.getName());
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

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double timeToMarker(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double ms = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(MARKER)) {
                    ms = (System.nanoTime() - start) / 1e6;
                    break;
                }
            }
        } finally {
            // SIGTERM: shutdown hooks stop the embedded PostgreSQL the app may have started.
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (ms < 0) {
            throw new IllegalStateException("No first-frame marker from " + command.get(command.size() - 1)
                    + " (exit " + p.exitValue() + ")");
        }
        return ms;
    }
}
