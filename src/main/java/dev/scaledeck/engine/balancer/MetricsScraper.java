package dev.scaledeck.engine.balancer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.metrics.BucketHistogram;
import dev.scaledeck.engine.metrics.PrometheusText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Turns the {@code /metrics} bodies of one instance into {@link ScrapedMetrics}, remembering what
 * the next scrape needs for rates and deltas (counters, histogram buckets, when it was read).
 * One per instance. Not thread-safe: the monitor reads one instance at a time.
 */
final class MetricsScraper {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsScraper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instanceId;
    private boolean scrapedBefore;
    private long previousNanos;
    private long previousRequests = -1;
    private PrometheusReading previousReading;

    MetricsScraper(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * Reads one body.
     *
     * @param contentType the response's Content-Type, or null
     * @param nanos       when it was read, on a monotonic nanosecond clock
     * @throws JsonProcessingException when a JSON body is not JSON; nothing is remembered then
     */
    ScrapedMetrics read(String contentType, String body, long nanos) throws JsonProcessingException {
        double elapsedSeconds = scrapedBefore && nanos > previousNanos ? (nanos - previousNanos) / 1e9 : Double.NaN;
        ScrapedMetrics metrics = switch (MetricsFormat.detect(contentType, body)) {
            case JSON -> json(JSON.readTree(body), elapsedSeconds);
            case PROMETHEUS -> prometheus(PrometheusText.parse(body), elapsedSeconds);
            case OPENMETRICS -> prometheus(PrometheusText.parseOpenMetrics(body), elapsedSeconds);
        };
        scrapedBefore = true;
        previousNanos = nanos;
        previousRequests = metrics.requestsTotal();
        return metrics;
    }

    private ScrapedMetrics json(JsonNode m, double elapsedSeconds) {
        previousReading = null;
        long requests = m.path("requests").asLong(-1);
        double utilization = m.path("utilization").asDouble(-1);
        return new ScrapedMetrics(requests, requestsPerSecond(requests, elapsedSeconds),
                m.path("inFlight").asLong(-1), m.path("errors").asLong(-1),
                utilization >= 0 ? utilization * 100 : -1, -1,
                m.path("latencyP50Ms").asDouble(-1), m.path("latencyP95Ms").asDouble(-1), utilization);
    }

    private ScrapedMetrics prometheus(PrometheusText page, double elapsedSeconds) {
        if (page.skippedLines() > 0) {
            LOG.debug("Instance {}: {} lines of /metrics are not Prometheus text and were skipped",
                    instanceId, page.skippedLines());
        }
        PrometheusReading now = PrometheusReading.of(page);
        PrometheusReading before = previousReading;
        previousReading = now;
        // Micrometer publishes a negative ratio when the JVM cannot tell.
        double cpu = now.cpuRatio() >= 0 ? now.cpuRatio() * 100 : Double.NaN;
        if (Double.isNaN(cpu) && before != null) {
            cpu = increase(before.cpuSecondsTotal(), now.cpuSecondsTotal()) / elapsedSeconds * 100;
        }
        double p50 = Double.NaN;
        double p95 = Double.NaN;
        if (now.latencyBuckets().isPresent()) {
            Optional<BucketHistogram> interval = before == null || before.latencyBuckets().isEmpty()
                    ? Optional.empty()
                    : now.latencyBuckets().get().minus(before.latencyBuckets().get());
            if (interval.isPresent()) {
                p50 = interval.get().quantile(0.5) * 1000;
                p95 = interval.get().quantile(0.95) * 1000;
            }
        } else if (before != null) {
            double requests = increase(before.latencyCount(), now.latencyCount());
            p50 = requests > 0 ? increase(before.latencySumSeconds(), now.latencySumSeconds()) / requests * 1000 : Double.NaN;
            p95 = p50;
        }
        long requests = count(now.requestsTotal());
        return new ScrapedMetrics(requests, requestsPerSecond(requests, elapsedSeconds), count(now.inFlight()),
                count(now.errorsTotal()), known(Math.min(100, cpu)), known(now.memoryPercent()),
                known(p50), known(p95), -1);
    }

    private double requestsPerSecond(long requests, double elapsedSeconds) {
        if (requests < 0 || previousRequests < 0 || requests < previousRequests || !(elapsedSeconds > 0)) {
            return -1;
        }
        return (requests - previousRequests) / elapsedSeconds;
    }

    /** How much a counter grew; NaN when either value is missing or it went down (a reset). */
    private static double increase(double before, double now) {
        return now >= before ? now - before : Double.NaN;
    }

    private static long count(double value) {
        return value >= 0 ? Math.round(value) : -1;
    }

    private static double known(double value) {
        return value >= 0 && Double.isFinite(value) ? value : -1;
    }
}
