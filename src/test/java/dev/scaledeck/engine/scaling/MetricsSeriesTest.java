package dev.scaledeck.engine.scaling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsSeriesTest {

    private static MetricsSeries read(String csv) throws IOException {
        return MetricsSeries.readCsv(new StringReader(csv), "metrics.csv", 2);
    }

    private static void assertRejected(String csv, String message) {
        assertThatThrownBy(() -> read(csv)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void shouldReadTheCanonicalFormWithSecondsAndReplicas() throws IOException {
        MetricsSeries series = read("""
                time,cpu,memory,connections,response-time,replicas
                0,85,60,120,1800,3
                15,90.5,,130,2100,3
                30.5,40,55,NaN,600,4
                """);

        assertThat(series.points()).hasSize(3);
        MetricsSeries.Point second = series.points().get(1);
        assertThat(second.offset()).isEqualTo(Duration.ofSeconds(15));
        assertThat(second.value(Metric.CPU)).isEqualTo(90.5);
        assertThat(second.value(Metric.MEMORY)).as("empty is not reported").isNaN();
        assertThat(second.value(Metric.CONNECTIONS)).isEqualTo(130);
        assertThat(second.value(Metric.RESPONSE_TIME)).isEqualTo(2100);
        assertThat(second.replicas()).isEqualTo(3);
        assertThat(series.points().get(2).offset()).isEqualTo(Duration.ofMillis(30_500));
        assertThat(series.points().get(2).value(Metric.CONNECTIONS)).isNaN();
        assertThat(series.points().get(2).replicas()).isEqualTo(4);
        assertThat(series.duration()).isEqualTo(Duration.ofMillis(30_500));
    }

    @Test
    void shouldReadInstantsAsOffsetsFromTheFirstAndUseTheDefaultReplicas() throws IOException {
        MetricsSeries series = read("""
                time,cpu
                2026-11-26T14:00:00Z,10
                2026-11-26T14:00:15Z,20
                2026-11-26T14:01:00.250Z,30
                """);

        assertThat(series.points()).extracting(MetricsSeries.Point::offset)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(15), Duration.ofMillis(60_250));
        assertThat(series.points()).extracting(MetricsSeries.Point::replicas).containsOnly(2);
        assertThat(series.points().get(0).value(Metric.MEMORY)).as("no column, not reported").isNaN();
    }

    @Test
    void shouldAcceptTheOtherColumnNamesAndIgnoreUnknownOnes() throws IOException {
        MetricsSeries series = read("""
                Elapsed_S, CPU ,note,active_connections,response_time_ms
                "5",50,"hello",7,250
                10,60,x,8,300
                """);

        MetricsSeries.Point first = series.points().get(0);
        assertThat(first.offset()).as("from the first row's seconds").isZero();
        assertThat(series.points().get(1).offset()).isEqualTo(Duration.ofSeconds(5));
        assertThat(first.value(Metric.CPU)).isEqualTo(50);
        assertThat(first.value(Metric.CONNECTIONS)).isEqualTo(7);
        assertThat(first.value(Metric.RESPONSE_TIME)).isEqualTo(250);
    }

    @Test
    void shouldTakeP95AsResponseTimeButPreferTheCanonicalColumn() throws IOException {
        assertThat(read("time,p95_ms\n0,120\n1,130\n").points().get(0).value(Metric.RESPONSE_TIME)).isEqualTo(120);
        assertThat(read("time,p95_ms,response-time\n0,120,900\n1,130,950\n").points().get(0).value(Metric.RESPONSE_TIME))
                .isEqualTo(900);
    }

    @Test
    void shouldReadTheLoadTestTimelineWithP99AndInFlightPerReplica() throws IOException {
        MetricsSeries series = read("""
                elapsed_s,rps,p50_ms,p90_ms,p99_ms,errors,in_flight,users
                0,0,0,0,0,0,0,0
                1,120.5,12,30,95,0,14,10
                2,240,15,40,180,1,30,20
                """);

        MetricsSeries.Point last = series.points().get(2);
        assertThat(last.value(Metric.RESPONSE_TIME)).isEqualTo(180);
        assertThat(last.value(Metric.CONNECTIONS)).as("30 in flight over 2 replicas").isEqualTo(15);
        assertThat(last.value(Metric.CPU)).isNaN();
        assertThat(last.value(Metric.MEMORY)).isNaN();
        assertThat(last.replicas()).isEqualTo(2);
    }

    @Test
    void shouldDivideInFlightByTheRowsOwnReplicas() throws IOException {
        MetricsSeries series = read("elapsed_s,in_flight,replicas\n0,30,3\n1,30,5\n");

        assertThat(series.points()).extracting(p -> p.value(Metric.CONNECTIONS)).containsExactly(10.0, 6.0);
    }

    @Test
    void shouldRoundTripThroughTheCanonicalForm(@TempDir Path dir) throws IOException {
        MetricsSeries original = read("""
                time,cpu,memory,connections,response-time,replicas
                0,85,60,120,1800,3
                0.000000001,,0.1,1234567.891,,1
                30.5,40,55,,600,4
                """);
        StringWriter out = new StringWriter();
        original.writeCsv(out);

        assertThat(out.toString()).isEqualTo("""
                time,cpu,memory,connections,response-time,replicas
                0,85,60,120,1800,3
                0.000000001,,0.1,1234567.891,,1
                30.5,40,55,,600,4
                """);
        Path file = dir.resolve("again.csv");
        Files.writeString(file, out.toString());
        assertThat(MetricsSeries.readCsv(file, 1)).isEqualTo(original);
    }

    @Test
    void shouldBuildAnInstanceReportFromAPoint() throws IOException {
        MetricsSeries.Point p = read("time,cpu,connections\n0,10,1\n15,91,37\n").points().get(1);

        InstanceMetrics m = p.toInstanceMetrics("replay", Instant.parse("2026-11-26T14:00:00Z"));

        assertThat(m.at()).isEqualTo(Instant.parse("2026-11-26T14:00:15Z"));
        assertThat(m.cpuPercent()).isEqualTo(91);
        assertThat(m.activeConnections()).isEqualTo(37);
        assertThat(m.memoryPercent()).isNaN();
    }

    @Test
    void shouldNameTheLineColumnAndValueOfABadNumber() {
        assertRejected("time,cpu\n0,1\n\n15,2\n30,3\n45,4\n60,5\n75,abc\n",
                "metrics.csv line 8, column cpu: 'abc' is not a number");
        assertRejected("time,memory\n0,1\n15,-3\n", "metrics.csv line 3, column memory: '-3' is negative; metrics are numbers >= 0");
        assertRejected("time,cpu\n0,1\n15,Infinity\n", "metrics.csv line 3, column cpu: 'Infinity' is not a number");
        assertRejected("time,cpu,replicas\n0,1,2\n15,2,0\n", "metrics.csv line 3, column replicas: '0' is not a whole number of at least 1");
        assertRejected("time,cpu,replicas\n0,1,2.5\n15,2,2\n", "metrics.csv line 2, column replicas: '2.5' is not a whole number of at least 1");
    }

    @Test
    void shouldRejectBadOrDecreasingTimes() {
        assertRejected("time,cpu\n0,1\n15,2\n10,3\n",
                "metrics.csv line 4, column time: '10' is earlier than the row before; times must not decrease");
        assertRejected("time,cpu\nsoon,1\n15,2\n",
                "metrics.csv line 2, column time: 'soon' is neither seconds from the start (0, 15, 30.5) "
                        + "nor an ISO-8601 instant like 2026-11-26T14:00:00Z");
        assertRejected("time,cpu\n2026-11-26T14:00:00Z,1\n15,2\n",
                "metrics.csv line 3, column time: '15' is not an ISO-8601 instant like 2026-11-26T14:00:00Z, as the first row's time is");
        assertRejected("time,cpu\n0,1\n2026-11-26T14:00:00Z,2\n",
                "metrics.csv line 3, column time: '2026-11-26T14:00:00Z' is not a number of seconds, as the first row's time is");
        assertRejected("time,cpu\n2026-11-26T25:00:00Z,1\n",
                "metrics.csv line 2, column time: '2026-11-26T25:00:00Z' is not an ISO-8601 instant like 2026-11-26T14:00:00Z");
        assertRejected("time,cpu\n0,1\n1e30,2\n",
                "metrics.csv line 3, column time: '1e30' is too many seconds; at most 9223372036 are allowed");
    }

    @Test
    void shouldRejectABadShape() {
        assertRejected("", "metrics.csv is empty; expected a header line such as time,cpu,memory,connections,response-time,replicas");
        assertRejected("cpu,memory\n1,2\n3,4\n", "metrics.csv line 1: no time column; expected time or elapsed_s among cpu,memory");
        assertRejected("time,cpu,CPU\n0,1,1\n1,1,1\n", "metrics.csv line 1: column cpu appears twice");
        assertRejected("time,cpu\n0,1\n15\n", "metrics.csv line 3: 1 values, but the header has 2 columns");
        assertRejected("time,cpu\n0,1\n\n", "metrics.csv has 1 row(s) of metrics; at least 2 are needed");
        assertThatThrownBy(() -> MetricsSeries.readCsv(new StringReader("time\n0\n1\n"), "x.csv", 0))
                .hasMessage("defaultReplicas must be at least 1, but was 0");
    }

    @Test
    void shouldRejectMoreThanTheMostRows() {
        StringBuilder csv = new StringBuilder("time,cpu\n");
        for (int i = 0; i <= MetricsSeries.MAX_POINTS; i++) {
            csv.append(i).append(",1\n");
        }

        assertRejected(csv.toString(), "metrics.csv line 100002: more than 100000 rows of metrics; at most 100000 are allowed");
        assertThat(MetricsSeries.MAX_POINTS).isEqualTo(100_000);
    }

    @Test
    void shouldNameTheFileWhenReadFromAPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fleet.csv");
        Files.writeString(file, "\uFEFFtime,cpu\n0,1\n15,x\n");

        assertThatThrownBy(() -> MetricsSeries.readCsv(file, 1)).hasMessage("fleet.csv line 3, column cpu: 'x' is not a number");
    }

    @Test
    void shouldValidatePointsAndSeriesBuiltInCode() {
        MetricsSeries.Point start = new MetricsSeries.Point(Duration.ZERO, Map.of(Metric.CPU, 50.0), 1);
        MetricsSeries.Point later = new MetricsSeries.Point(Duration.ofSeconds(5), Map.of(), 1);

        assertThat(MetricsSeries.of(List.of(start, later)).points()).containsExactly(start, later);
        assertThat(later.perInstance()).containsOnlyKeys(Metric.values());
        assertThatThrownBy(() -> MetricsSeries.of(List.of(later, start)))
                .hasMessage("the first point's offset must be 0, but was PT5S");
        assertThatThrownBy(() -> MetricsSeries.of(List.of(start)))
                .hasMessage("a metrics series needs 2 to 100000 points, but had 1");
        assertThatThrownBy(() -> new MetricsSeries.Point(Duration.ZERO, Map.of(Metric.CPU, -1.0), 1))
                .hasMessage("cpu must be a finite number >= 0 (or NaN when not reported), but was -1.0");
        assertThatThrownBy(() -> new MetricsSeries.Point(Duration.ZERO, Map.of(), 0))
                .hasMessage("replicas must be at least 1, but was 0");
        assertThat(start.value(Metric.CPU)).isEqualTo(50);
    }
}
