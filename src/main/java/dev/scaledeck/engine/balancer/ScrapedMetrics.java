package dev.scaledeck.engine.balancer;

/**
 * What one scrape of an instance's {@code /metrics} said, whatever its format, with the rates
 * and latencies worked out against the scrape before. A point-in-time snapshot; immutable.
 * Every figure is -1 when unknown: the instance does not publish it, or it needs a previous
 * scrape that there is not (the first scrape, a counter reset, a changed set of buckets).
 *
 * <p><b>The sample service's JSON</b> ({@code dev.scaledeck.embedded.SampleMetrics}) gives
 * {@code requests}, {@code inFlight}, {@code errors}, {@code latencyP50Ms}, {@code latencyP95Ms}
 * as they are, {@code utilization} as is and, times 100, as the cpu figure; memory is unknown.
 *
 * <p><b>Prometheus text</b> (0.0.4 or OpenMetrics) is read by these names, the first one present
 * winning; label sets are summed unless said otherwise:
 * <table>
 *   <caption>Prometheus names</caption>
 *   <tr><th>figure</th><th>from</th></tr>
 *   <tr><td>cpu %</td><td>{@code process_cpu_usage} (Micrometer, a 0..1 ratio) × 100; else the rate of
 *       {@code process_cpu_seconds_total} between the last two scrapes × 100 (one busy core is 100 %;
 *       more than one core is capped at 100)</td></tr>
 *   <tr><td>memory %</td><td>{@code jvm_memory_used_bytes{area="heap"}} / {@code jvm_memory_max_bytes{area="heap"}}
 *       × 100, leaving out pools whose max is -1 (undefined); else {@code process_resident_memory_bytes}
 *       / a limit: {@code go_gc_gomemlimit_bytes} (Go's GOMEMLIMIT), {@code container_spec_memory_limit_bytes}
 *       or {@code process_virtual_memory_max_bytes} (client_golang); a limit of 0 or less, or of
 *       2<sup>62</sup> bytes and more, means none; else unknown</td></tr>
 *   <tr><td>in flight</td><td>{@code http_server_requests_active_seconds_active_count} (Micrometer),
 *       {@code http_server_active_requests}, {@code http_requests_in_flight}</td></tr>
 *   <tr><td>requests</td><td>{@code http_server_requests_seconds_count} (Micrometer), {@code http_requests_total},
 *       {@code http_request_duration_seconds_count}</td></tr>
 *   <tr><td>errors</td><td>those request samples whose {@code status} or {@code code} label is 400 or more,
 *       or whose {@code outcome} is {@code CLIENT_ERROR} or {@code SERVER_ERROR}; unknown when
 *       no request sample has one of these labels</td></tr>
 *   <tr><td>p50, p95</td><td>{@code http_server_requests_seconds_bucket} (Micrometer with
 *       percentiles-histogram), {@code http_request_duration_seconds_bucket}: the buckets summed by
 *       {@code le}, minus those of the scrape before, as {@code histogram_quantile} would estimate;
 *       with no buckets, both are the mean of the interval ({@code _sum} delta / {@code _count} delta).
 *       Unknown when no request finished in between</td></tr>
 * </table>
 *
 * @param requestsTotal     requests served since the instance started
 * @param requestsPerSecond requests served per second between the last two scrapes
 * @param inFlight          requests being served
 * @param errorsTotal       requests answered with an error since the instance started
 * @param cpuPercent        CPU use, 0..100
 * @param memoryPercent     memory use, 0..100
 * @param latencyP50Ms      median latency, milliseconds
 * @param latencyP95Ms      95th percentile latency, milliseconds
 * @param utilization       busy share of its workers, 0..1 (the sample service only)
 */
public record ScrapedMetrics(long requestsTotal, double requestsPerSecond, long inFlight, long errorsTotal,
                             double cpuPercent, double memoryPercent, double latencyP50Ms, double latencyP95Ms,
                             double utilization) {

    /** Nothing known: the instance published no metrics, or none that could be read. */
    public static final ScrapedMetrics UNKNOWN = new ScrapedMetrics(-1, -1, -1, -1, -1, -1, -1, -1, -1);
}
