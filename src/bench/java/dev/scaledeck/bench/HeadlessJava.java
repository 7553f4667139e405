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
 * The JVMs the window benchmarks start: this JVM's java and class path with headless JavaFX
 * (Monocle, software rendering), so ScaleDeck, its references and the chart frames all run
 * under the same settings; ScaleDeck without the test classes.
 */
final class HeadlessJava {

    private HeadlessJava() {
    }

    /** {@code java <headless flags> -cp <this class path> <mainAndArgs>}. */
    static List<String> command(String... mainAndArgs) {
        return commandOn(System.getProperty("java.class.path"), mainAndArgs);
    }

    private static List<String> commandOn(String classPath, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtestfx.headless=true", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dscaledeck.printFirstFrame=true",
                "-cp", classPath));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    /**
     * This class path without the test classes' directory, where the benchmarks and the tests'
     * {@code logback-test.xml} are: ScaleDeck runs as shipped, with its own logging set-up.
     */
    private static String applicationClassPath() {
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().equals(testClasses)) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    /** {@code scaledeck gui} on a data directory of its own, without background traffic. */
    static List<String> scaledeckGui() throws IOException {
        return scaledeckGui(Files.createTempDirectory("scaledeck-bench-home"));
    }

    /** {@code scaledeck gui} on data directory {@code home}, without background traffic. */
    static List<String> scaledeckGui(Path home) {
        return commandOn(applicationClassPath(), "dev.scaledeck.Main", "gui", "--home", home.toString(),
                "--set", "embedded.ambientRate=0");
    }

    /** The reference window: {@link HelloFx}. */
    static List<String> helloWorld() {
        return command(HelloFx.Main.class.getName());
    }

    /**
     * Starts {@code command} and returns once it printed {@code marker}, with the milliseconds
     * that took; the process keeps running (its further output is discarded).
     */
    static Started startUntil(List<String> command, String marker) throws IOException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(marker)) {
                double ms = (System.nanoTime() - start) / 1e6;
                Thread drain = new Thread(() -> drain(out), "bench-drain-" + p.pid());
                drain.setDaemon(true);
                drain.start();
                return new Started(p, ms);
            }
        }
        stop(p);
        throw new IllegalStateException("No '" + marker + "' from " + command.get(command.size() - 1)
                + " (exit " + p.exitValue() + ")");
    }

    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // keeps the pipe from filling up
            }
        } catch (IOException e) {
            // the process went
        }
    }

    /** SIGTERM, so shutdown hooks stop the embedded PostgreSQL the app may have started; then waits. */
    static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** A process that printed its marker after {@code millis}. */
    record Started(Process process, double millis) {
    }
}
