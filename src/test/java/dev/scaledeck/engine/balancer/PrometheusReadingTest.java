package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrometheusReadingTest {

    private static PrometheusReading read(String text) {
        return PrometheusReading.of(PrometheusText.parse(text));
    }

    @Test
    void shouldCountErrorsByOutcomeWhenThereIsNoStatus() {
        PrometheusReading r = read("""
                http_server_requests_seconds_count{outcome="SUCCESS"} 90
                http_server_requests_seconds_count{outcome="CLIENT_ERROR"} 7
                http_server_requests_seconds_count{outcome="SERVER_ERROR"} 3
                http_server_requests_seconds_count{outcome="REDIRECTION"} 5
                """);

        assertThat(r.requestsTotal()).isEqualTo(105);
        assertThat(r.errorsTotal()).isEqualTo(10);
    }

    @Test
    void shouldNotCountErrorsWhenNoSampleSaysHowItWasAnswered() {
        PrometheusReading r = read("http_requests_total{method=\"get\"} 12\n");

        assertThat(r.requestsTotal()).isEqualTo(12);
        assertThat(r.errorsTotal()).isNaN();
    }

    @Test
    void shouldPreferMicrometerNamesForInFlightAndRequests() {
        PrometheusReading r = read("""
                http_requests_in_flight 100
                http_server_active_requests 50
                http_server_requests_active_seconds_active_count{uri="/a"} 1
                http_server_requests_active_seconds_active_count{uri="/b"} 2
                http_requests_total{code="500"} 1000
                http_server_requests_seconds_count{status="404"} 4
                """);

        assertThat(r.inFlight()).isEqualTo(3);
        assertThat(r.requestsTotal()).isEqualTo(4);
        assertThat(r.errorsTotal()).isEqualTo(4);
    }

    @Test
    void shouldFallBackToResidentMemoryAgainstALimitWhenTheHeapHasNoMax() {
        PrometheusReading r = read("""
                jvm_memory_used_bytes{area="heap",id="eden"} 5e8
                jvm_memory_max_bytes{area="heap",id="eden"} -1
                process_resident_memory_bytes 3e8
                container_spec_memory_limit_bytes 1.2e9
                """);

        assertThat(r.memoryPercent()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void shouldLeaveMemoryUnknownWhenNoLimitIsPublished() {
        assertThat(read("process_resident_memory_bytes 3e8\n").memoryPercent()).isNaN();
        assertThat(read("""
                process_resident_memory_bytes 3e8
                go_gc_gomemlimit_bytes 9.223372036854776e+18
                process_virtual_memory_max_bytes -1
                """).memoryPercent()).as("MaxInt64 and -1 mean no limit").isNaN();
    }

    @Test
    void shouldCapMemoryAtOneHundredPercent() {
        assertThat(read("""
                jvm_memory_used_bytes{area="heap"} 2e9
                jvm_memory_max_bytes{area="heap"} 1e9
                """).memoryPercent()).isEqualTo(100.0);
    }

    @Test
    void shouldReadClientGolangHistogramBuckets() {
        PrometheusReading r = read("""
                http_request_duration_seconds_bucket{le="0.1"} 1
                http_request_duration_seconds_bucket{le="+Inf"} 2
                http_request_duration_seconds_sum 0.3
                http_request_duration_seconds_count 2
                """);

        assertThat(r.latencyBuckets()).hasValueSatisfying(h -> assertThat(h.count()).isEqualTo(2));
        assertThat(r.latencySumSeconds()).isEqualTo(0.3);
        assertThat(r.latencyCount()).isEqualTo(2);
    }
}
