package dev.scaledeck.engine.loadtest;

/**
 * {@code timeline.csv}: one row per snapshot under the header {@link #HEADER}, numbers with a
 * {@code .} decimal separator and at most three decimals, a figure that was not measured
 * (latency of a second in which nothing completed) left empty. Columns:
 * <ul>
 *   <li>{@code elapsed_s}: seconds since the test started</li>
 *   <li>{@code rps}: requests completed in that second</li>
 *   <li>{@code p50_ms}, {@code p90_ms}, {@code p99_ms}: latency percentiles of that second, milliseconds</li>
 *   <li>{@code errors}: failed requests so far, all kinds (cumulative)</li>
 *   <li>{@code in_flight}: requests sent and not answered yet</li>
 *   <li>{@code users}: the virtual users running (closed model), or the arrival rate asked for
 *       at that moment in requests/s (open models), i.e. the load offered either way</li>
 * </ul>
 * The scaling package's {@code MetricsSeries.readCsv} reads it for a what-if replay (p99 as
 * response time, in-flight as connections). Stateless; thread-safe.
 */
final class TimelineCsv {

    static final String HEADER = "elapsed_s,rps,p50_ms,p90_ms,p99_ms,errors,in_flight,users";

    private TimelineCsv() {
    }

    static String text(LoadTestReport report) {
        boolean closed = report.plan().workload() instanceof Workload.Closed;
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (LoadTestSnapshot s : report.timeline()) {
            csv.append(ReportText.plain(s.elapsed().toMillis() / 1000.0)).append(',')
                    .append(ReportText.plain(s.requestsPerSecond())).append(',')
                    .append(ReportText.plain(s.p50Ms())).append(',')
                    .append(ReportText.plain(s.p90Ms())).append(',')
                    .append(ReportText.plain(s.p99Ms())).append(',')
                    .append(s.errorCount()).append(',')
                    .append(s.inFlight()).append(',')
                    .append(closed ? String.valueOf(s.activeUsers()) : ReportText.plain(s.targetRate())).append('\n');
        }
        return csv.toString();
    }
}
