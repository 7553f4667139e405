package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.metrics.BucketHistogram;
import dev.scaledeck.engine.metrics.PrometheusText;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The figures one Prometheus page holds, by the names {@link ScrapedMetrics} documents, before
 * any rate is taken: counters stay counters. NaN when the page does not have a figure. Immutable.
 *
 * @param cpuRatio            {@code process_cpu_usage}, 0..1
 * @param cpuSecondsTotal     {@code process_cpu_seconds_total}
 * @param memoryPercent       heap (or resident memory) against its limit, 0..100
 * @param inFlight            requests being served
 * @param requestsTotal       requests served since start
 * @param errorsTotal         error responses since start
 * @param latencyBuckets      the request duration histogram in seconds, summed by {@code le}; empty when none
 * @param latencySumSeconds   the request durations' {@code _sum}
 * @param latencyCount        the request durations' {@code _count}
 */
record PrometheusReading(double cpuRatio, double cpuSecondsTotal, double memoryPercent, double inFlight,
                         double requestsTotal, double errorsTotal, Optional<BucketHistogram> latencyBuckets,
                         double latencySumSeconds, double latencyCount) {

    private static final Map<String, String> HEAP = Map.of("area", "heap");
    private static final List<String> MEMORY_LIMITS = List.of(
            "go_gc_gomemlimit_bytes", "container_spec_memory_limit_bytes", "process_virtual_memory_max_bytes");
    /** Larger than any memory; Go and procfs publish "no limit" as about 2^63 or 2^64. */
    private static final double NO_LIMIT = 0x1p62;
    private static final List<String> IN_FLIGHT = List.of(
            "http_server_requests_active_seconds_active_count", "http_server_active_requests", "http_requests_in_flight");
    private static final List<String> REQUESTS = List.of(
            "http_server_requests_seconds_count", "http_requests_total", "http_request_duration_seconds_count");
    private static final List<String> DURATIONS = List.of("http_server_requests_seconds", "http_request_duration_seconds");
    private static final Set<String> ERROR_OUTCOMES = Set.of("CLIENT_ERROR", "SERVER_ERROR");

    /** Reads the figures of one page. */
    static PrometheusReading of(PrometheusText page) {
        String durations = DURATIONS.stream()
                .filter(d -> page.contains(d + "_bucket") || page.contains(d + "_count"))
                .findFirst().orElse(DURATIONS.get(0));
        String requests = first(page, REQUESTS);
        return new PrometheusReading(
                sum(page, "process_cpu_usage", Map.of()),
                sum(page, "process_cpu_seconds_total", Map.of()),
                memoryPercent(page),
                sum(page, first(page, IN_FLIGHT), Map.of()),
                sum(page, requests, Map.of()),
                errors(page.samples(requests)),
                BucketHistogram.of(page.samples(durations + "_bucket")),
                sum(page, durations + "_sum", Map.of()),
                sum(page, durations + "_count", Map.of()));
    }

    private static double memoryPercent(PrometheusText page) {
        double used = sum(page, "jvm_memory_used_bytes", HEAP);
        double max = 0;
        for (PrometheusText.Sample s : page.samples("jvm_memory_max_bytes", HEAP)) {
            if (s.value() > 0) {
                max += s.value();
            }
        }
        if (!Double.isNaN(used) && max > 0) {
            return percent(used, max);
        }
        double resident = sum(page, "process_resident_memory_bytes", Map.of());
        for (String name : MEMORY_LIMITS) {
            double limit = sum(page, name, Map.of());
            if (limit > 0 && limit < NO_LIMIT && !Double.isNaN(resident)) {
                return percent(resident, limit);
            }
        }
        return Double.NaN;
    }

    private static double percent(double part, double whole) {
        return Math.min(100, Math.max(0, part / whole * 100));
    }

    /** The samples answered with an error; NaN when none says how it was answered. */
    private static double errors(List<PrometheusText.Sample> requests) {
        boolean labelled = false;
        double errors = 0;
        for (PrometheusText.Sample s : requests) {
            String status = !s.label("status").isEmpty() ? s.label("status") : s.label("code");
            String outcome = s.label("outcome");
            labelled |= !status.isEmpty() || !outcome.isEmpty();
            if (ERROR_OUTCOMES.contains(outcome) || isErrorStatus(status)) {
                errors += s.value();
            }
        }
        return labelled ? errors : Double.NaN;
    }

    private static boolean isErrorStatus(String status) {
        try {
            return Integer.parseInt(status) >= 400;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String first(PrometheusText page, List<String> names) {
        return names.stream().filter(page::contains).findFirst().orElse(names.get(0));
    }

    private static double sum(PrometheusText page, String name, Map<String, String> selector) {
        OptionalDouble sum = page.sum(name, selector);
        return sum.isPresent() ? sum.getAsDouble() : Double.NaN;
    }
}
