package dev.scaledeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resident memory of the window after a minute of idling: {@code scaledeck gui} (embedded
 * environment, no background traffic) against the minimal JavaFX Hello World, both started as
 * {@link HeadlessJava} starts them and left alone for {@link #IDLE} after their first frame, then
 * {@code VmRSS} read from {@code /proc/<pid>/status}. The figure is the JVM's own; the embedded
 * PostgreSQL runs in processes of its own (detached from the JVM, found by their data
 * directory), reported on a comment line.
 */
final class RssBenchmark {

    static final Duration IDLE = Duration.ofSeconds(60);

    private RssBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("scaledeck-bench-home");
        Measured a = idleRss(HeadlessJava.scaledeckGui(home), home.toString());
        Measured b = idleRss(HeadlessJava.helloWorld(), null);
        Bench.line("rss.idle60s", a.jvmKb / 1024.0, "MB", "javafx.helloWorld", b.jvmKb / 1024.0);
        System.out.println(String.format(Locale.ROOT, "# rss.idle60s: the embedded PostgreSQL's %d processes "
                + "hold another %.1f MB (shared memory counted in each)", a.helpers, a.helpersKb / 1024.0));
    }

    /** @param helpersBy text in the command line of the processes the window started (its data directory), or null */
    private static Measured idleRss(List<String> command, String helpersBy) throws Exception {
        HeadlessJava.Started started = HeadlessJava.startUntil(command, StartupBenchmark.MARKER);
        Process p = started.process();
        try {
            Thread.sleep(IDLE.toMillis());
            if (!p.isAlive()) {
                throw new IllegalStateException(command.get(command.size() - 1) + " ended before "
                        + IDLE.toSeconds() + " s (exit " + p.exitValue() + ")");
            }
            // The postmaster names the data directory; its workers are its children.
            List<ProcessHandle> helpers = helpersBy == null ? List.of() : ProcessHandle.allProcesses()
                    .filter(h -> h.pid() != p.pid())
                    .filter(h -> h.info().commandLine().map(c -> c.contains(helpersBy)).orElse(false))
                    .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                    .distinct()
                    .toList();
            long helpersKb = helpers.stream().mapToLong(h -> vmRssKb(h.pid())).sum();
            return new Measured(vmRssKb(p.pid()), helpers.size(), helpersKb);
        } finally {
            HeadlessJava.stop(p);
        }
    }

    /** {@code VmRSS} of a process in kB; 0 when it is gone. */
    static long vmRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private record Measured(long jvmKb, int helpers, long helpersKb) {
    }
}
