package dev.scaledeck.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the benchmarks: {@code mvn -q -Pbench verify -DskipTests} for all, {@code -Dbench=NAME}
 * for one. Each runs our code and its reference in the same run and prints BENCH lines.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, ThrowingRunnable> all = new LinkedHashMap<>();
        all.put("pool", PoolBenchmark::run);
        all.put("startup", StartupBenchmark::run);
        all.put("chart", ChartBenchmark::run);
        all.put("rss", RssBenchmark::run);
        all.put("balancer", BalancerBenchmark::run);
        all.put("backup", BackupBenchmark::run);
        all.put("loadgen", LoadGenBenchmark::run);
        String only = args.length > 0 ? args[0].trim() : "";
        if (!only.isEmpty() && !all.containsKey(only)) {
            System.err.println("Unknown benchmark '" + only + "'; known: " + String.join(", ", all.keySet()));
            System.exit(2);
        }
        System.out.println("# machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        for (Map.Entry<String, ThrowingRunnable> b : all.entrySet()) {
            if (only.isEmpty() || only.equals(b.getKey())) {
                b.getValue().run();
            }
        }
        System.exit(0);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
