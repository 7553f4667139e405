package dev.scaledeck.bench;

import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.LoadTestReport;
import dev.scaledeck.engine.loadtest.LoadTester;
import dev.scaledeck.engine.loadtest.ReportSink;
import dev.scaledeck.engine.loadtest.RequestSpec;
import dev.scaledeck.engine.loadtest.Workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator against wrk: the same loopback target (a JDK HTTP server in a JVM of its
 * own, TCP_NODELAY on), the same number of connections, the same duration, in the same run.
 * Prints requests/s and CPU per 1,000 requests for both. wrk comes from Debian's {@code wrk}.
 */
final class LoadGenBenchmark {

    private static final int CONNECTIONS = 50;
    private static final Duration LENGTH = Duration.ofSeconds(10);
    private static final int ROUNDS = 3;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");

    private LoadGenBenchmark() {
    }

    static void run() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.out.println("# loadgen: wrk is missing; install it with: sudo apt-get install wrk");
            return;
        }
        Process target = new ProcessBuilder("java", "-Dsun.net.httpserver.nodelay=true", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), TargetServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
            URI url = URI.create("http://127.0.0.1:" + lines.readLine().trim() + "/");
            try (LoadTester ours = new LoadTester(() -> null, null, Clock.systemUTC(), ReportSink.none())) {
                ours(ours, url, Duration.ofSeconds(3));
                wrk(url, Duration.ofSeconds(3));
                double[] ourRps = new double[ROUNDS];
                double[] ourCpu = new double[ROUNDS];
                double[] wrkRps = new double[ROUNDS];
                double[] wrkCpu = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    double[] w = wrk(url, LENGTH);
                    wrkRps[i] = w[0];
                    wrkCpu[i] = w[1];
                    double[] o = ours(ours, url, LENGTH);
                    ourRps[i] = o[0];
                    ourCpu[i] = o[1];
                }
                String name = "loadgen." + CONNECTIONS + "conn." + LENGTH.toSeconds() + "s";
                Bench.line(name + ".rps", Bench.median(ourRps), "req/s", "wrk", Bench.median(wrkRps));
                Bench.line(name + ".cpu-per-1000", Bench.median(ourCpu), "cpu-ms", "wrk", Bench.median(wrkCpu));
            }
        } finally {
            target.destroy();
            target.waitFor();
        }
    }

    /** Requests/s and CPU milliseconds per 1,000 requests of one run of ours (this JVM does nothing else). */
    private static double[] ours(LoadTester tester, URI url, Duration length) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        LoadTestReport r = tester.start(new LoadTestPlan("bench", new LoadTarget.Url(url),
                new Workload.Closed(CONNECTIONS, Duration.ZERO, Duration.ZERO), length, RequestSpec.get(), List.of(),
                List.of(), false)).report().join();
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        if (r.errorCount() > 0) {
            System.out.println("# loadgen: our run had " + r.errorCount() + " errors of " + r.requests());
        }
        return new double[] {r.requestsPerSecond(), cpuMs * 1000 / Math.max(1, r.requests())};
    }

    /** Requests/s and CPU milliseconds per 1,000 requests of one wrk run (its CPU read from /proc while it runs). */
    private static double[] wrk(URI url, Duration length) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + length.toSeconds() + "s", url.toString())
                .redirectErrorStream(true).start();
        Path stat = Path.of("/proc/" + wrk.pid() + "/stat");
        long ticks = 0;
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        while (wrk.isAlive()) {
            try {
                String[] f = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
                ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                // it ended between the check and the read: keep the last reading
            }
            Thread.sleep(50);
        }
        reader.join();
        Matcher rps = RPS.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rps.find() || !total.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        double cpuMs = ticks * 10.0;
        return new double[] {Double.parseDouble(rps.group(1)), cpuMs * 1000 / Math.max(1, Long.parseLong(total.group(1)))};
    }
}
