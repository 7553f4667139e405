package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerformanceMonitorTest {

    private static final String RUN = "cluster-50";

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);
    private final AlertCenter alerts = new AlertCenter(clock, journal, 50);
    private final PerformanceMonitor monitor = new PerformanceMonitor(alerts, Duration.ofSeconds(1));

    /** A running second: totals so far and the second's p99. */
    private static LoadTestSnapshot second(int second, long requests, Map<ErrorKind, Long> errors, double p99) {
        return new LoadTestSnapshot(Instant.parse("2026-11-26T10:00:00Z").plusSeconds(second),
                Duration.ofSeconds(second), RunState.RUNNING, requests, 100, p99 / 2, p99 / 1.5, p99, p99 * 2, errors, 3,
                50, 0, 0, 0, 0, Map.of());
    }

    private Alert active(String key) {
        return alerts.active().stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void shouldRaiseAnErrorAlertSayingTheRateAndTheKindsOfTheLastSecond() {
        monitor.observe(RUN, second(1, 100, Map.of(ErrorKind.TIMEOUT, 4L), 50));
        monitor.observe(RUN, second(2, 200, Map.of(ErrorKind.TIMEOUT, 24L, ErrorKind.HTTP_5XX, 3L), 50));

        Alert alert = active("loadtest.cluster-50.errors");
        assertThat(alert.message()).isEqualTo("Load test cluster-50: 23 % of requests failed in the last second "
                + "(timeout 20, 5xx 3)");
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.source()).isEqualTo("loadtest");
        assertThat(alerts.isActive("loadtest.cluster-50.latency")).isFalse();
    }

    @Test
    void shouldNotAlertOnAFewFailuresAmongVeryFewRequests() {
        monitor.observe(RUN, second(1, 2, Map.of(ErrorKind.CONNECT, 1L), 50));

        assertThat(alerts.active()).isEmpty();
    }

    @Test
    void shouldSayHowLongTheWindowWasWhenSnapshotsWereSkipped() {
        monitor.observe(RUN, second(1, 100, Map.of(), 50));
        monitor.observe(RUN, second(4, 400, Map.of(ErrorKind.HTTP_4XX, 60L), 50));

        assertThat(active(PerformanceMonitor.errorsKey(RUN)).message())
                .isEqualTo("Load test cluster-50: 20 % of requests failed in the last 3 s (4xx 60)");
    }

    @Test
    void shouldClearTheErrorAlertWhenASecondIsHealthyAgain() {
        monitor.observe(RUN, second(1, 100, Map.of(ErrorKind.TIMEOUT, 50L), 50));
        monitor.observe(RUN, second(2, 105, Map.of(ErrorKind.TIMEOUT, 50L), 50));
        assertThat(alerts.isActive(PerformanceMonitor.errorsKey(RUN))).as("5 requests say too little").isTrue();

        monitor.observe(RUN, second(3, 205, Map.of(ErrorKind.TIMEOUT, 51L), 50));

        assertThat(alerts.active()).isEmpty();
        assertThat(journal.recent(10)).extracting(EngineEvent::message).last()
                .isEqualTo("Load test cluster-50: 1 % of requests failed in the last second, at most 10 % allowed");
    }

    @Test
    void shouldRaiseAndClearTheLatencyAlertAgainstTheLimit() {
        monitor.observe(RUN, second(1, 100, Map.of(), 1840));

        assertThat(active("loadtest.cluster-50.latency").message())
                .isEqualTo("Load test cluster-50: p99 latency 1,840 ms in the last second, above the limit of 1,000 ms");

        monitor.observe(RUN, second(2, 100, Map.of(), Double.NaN));
        assertThat(alerts.isActive(PerformanceMonitor.latencyKey(RUN))).as("nothing completed: unknown").isTrue();

        monitor.observe(RUN, second(3, 200, Map.of(), 900));
        assertThat(alerts.active()).isEmpty();
        assertThat(alerts.history()).extracting(Alert::key).containsExactly("loadtest.cluster-50.latency");
    }

    @Test
    void shouldClearEveryAlertOfARunWhenItEnds() {
        monitor.observe(RUN, second(1, 100, Map.of(ErrorKind.HTTP_5XX, 90L), 5000));
        monitor.observe("other", second(1, 100, Map.of(ErrorKind.HTTP_5XX, 90L), 5000));
        assertThat(alerts.active()).hasSize(4);

        monitor.ended(RUN);
        monitor.ended(RUN);

        assertThat(alerts.active()).extracting(Alert::key)
                .containsExactlyInAnyOrder("loadtest.other.errors", "loadtest.other.latency");
        assertThat(journal.recent(10)).extracting(EngineEvent::message).contains("Load test cluster-50 ended");
    }

    @Test
    void shouldTreatASnapshotOfAFinishedRunAsItsEnd() {
        monitor.observe(RUN, second(1, 100, Map.of(ErrorKind.HTTP_5XX, 90L), 5000));
        LoadTestSnapshot running = second(2, 200, Map.of(ErrorKind.HTTP_5XX, 190L), 5000);
        LoadTestSnapshot stopped = new LoadTestSnapshot(running.at(), running.elapsed(), RunState.STOPPED,
                running.requests(), running.requestsPerSecond(), running.p50Ms(), running.p90Ms(), running.p99Ms(),
                running.maxMs(), running.errors(), 0, 0, 0, 0, 0, 0, Map.of());

        monitor.observe(RUN, stopped);

        assertThat(alerts.active()).isEmpty();
    }

    @Test
    void shouldRejectALimitThatIsNotAboveZero() {
        assertThatThrownBy(() -> new PerformanceMonitor(alerts, Duration.ZERO))
                .hasMessage("latencyLimit must be longer than 0, but was PT0S");
        assertThatThrownBy(() -> new PerformanceMonitor(alerts, Duration.ofSeconds(1), 120, 10))
                .hasMessage("errorRatePercent must be from 0 to 100, but was 120.0");
    }
}
