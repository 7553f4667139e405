package dev.scaledeck.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusTextTest {

    @Test
    void shouldReadSamplesWithLabelsHelpAndType() {
        PrometheusText page = PrometheusText.parse("""
                # HELP http_requests_total The total number of HTTP requests.\\nSecond line, a \\\\ backslash.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000

                # A plain comment is not a sample.
                process_open_fds 15
                """);

        assertThat(page.samples()).hasSize(3);
        assertThat(page.samples("http_requests_total")).extracting(PrometheusText.Sample::value).containsExactly(1027.0, 3.0);
        PrometheusText.Sample first = page.samples("http_requests_total").get(0);
        assertThat(first.labels()).containsExactly(Map.entry("method", "post"), Map.entry("code", "200"));
        assertThat(first.timestampMillis()).isEqualTo(OptionalLong.of(1395066363000L));
        assertThat(page.samples("process_open_fds").get(0).labels()).isEmpty();
        assertThat(page.samples("process_open_fds").get(0).timestampMillis()).isEmpty();
        assertThat(page.type("http_requests_total")).hasValue("counter");
        assertThat(page.help("http_requests_total")).hasValue("The total number of HTTP requests.\nSecond line, a \\ backslash.");
        assertThat(page.type("process_open_fds")).isEmpty();
        assertThat(page.skippedLines()).isZero();
    }

    @Test
    void shouldUnescapeLabelValues() {
        PrometheusText page = PrometheusText.parse("""
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                braces{text="a } b, c=\\"d\\"", other = "x" ,} 1
                """);

        assertThat(page.skippedLines()).isZero();
        PrometheusText.Sample s = page.samples("msdos_file_access_time_seconds").get(0);
        assertThat(s.label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
        assertThat(s.label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(s.value()).isEqualTo(1.458255915e9);
        assertThat(page.samples("braces").get(0).labels())
                .containsExactly(Map.entry("text", "a } b, c=\"d\""), Map.entry("other", "x"));
    }

    @Test
    void shouldReadNaNAndInfinitiesAndScientificNotation() {
        PrometheusText page = PrometheusText.parse("""
                a NaN
                b +Inf
                c -Inf
                d 1.5e3
                e -0.25
                f .5E-1
                g{le="+Inf"} 7
                """);

        assertThat(page.samples("a").get(0).value()).isNaN();
        assertThat(page.samples("b").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(page.samples("c").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(page.samples("d").get(0).value()).isEqualTo(1500.0);
        assertThat(page.samples("e").get(0).value()).isEqualTo(-0.25);
        assertThat(page.samples("f").get(0).value()).isEqualTo(0.05);
        assertThat(page.samples("g").get(0).label("le")).isEqualTo("+Inf");
        assertThat(page.skippedLines()).isZero();
    }

    @Test
    void shouldSkipAndCountGarbageLinesWithoutLosingTheGoodOnes() {
        PrometheusText page = PrometheusText.parse("""
                <html><body>Not found</body></html>
                good_one 1
                no_value
                bad_value abc
                1starts_with_digit 3
                unclosed{a="b" 4
                unterminated{a="b} 5
                bad_escape{a="\\x"} 6
                duplicate{a="1",a="2"} 7
                label-with-dash{a-b="1"} 8
                bad_timestamp 9 12.5
                trailing 10 11 12
                hex 0x1F
                java_suffix 1.0d
                # TYPE good_one nonsense
                # TYPE
                good_two{a="b"} 2 -5
                """);

        assertThat(page.samples()).extracting(PrometheusText.Sample::name).containsExactly("good_one", "good_two");
        assertThat(page.samples("good_two").get(0).timestampMillis()).isEqualTo(OptionalLong.of(-5));
        assertThat(page.skippedLines()).isEqualTo(15);
        assertThat(page.type("good_one")).isEmpty();
    }

    @Test
    void shouldNeverThrowOnEmptyOrOddInput() {
        assertThat(PrometheusText.parse("").samples()).isEmpty();
        assertThat(PrometheusText.parse("\r\n\n   \t\n#\n# \n").skippedLines()).isZero();
        assertThat(PrometheusText.parse("{\"requests\": 5}").skippedLines()).isEqualTo(1);
        assertThat(PrometheusText.parse("x{").skippedLines()).isEqualTo(1);
        assertThat(PrometheusText.parse("x{a=\"b\\").skippedLines()).isEqualTo(1);
    }

    @Test
    void shouldReadWindowsLineEndingsAndTabs() {
        PrometheusText page = PrometheusText.parse("a\t1\r\n  b{x=\"y\"}\t2\t1000\r\n");

        assertThat(page.samples()).extracting(PrometheusText.Sample::value).containsExactly(1.0, 2.0);
        assertThat(page.samples("b").get(0).timestampMillis()).isEqualTo(OptionalLong.of(1000));
    }

    @Test
    void shouldReadOpenMetricsWithTimestampsInSecondsExemplarsAndEof() {
        PrometheusText page = PrometheusText.parseOpenMetrics("""
                # TYPE http_request_duration_seconds histogram
                # UNIT http_request_duration_seconds seconds
                http_request_duration_seconds_bucket{le="0.5"} 3 # {trace_id="abc"} 0.31 1520879607.789
                http_request_duration_seconds_bucket{le="+Inf"} 4 1520879607.5
                # EOF
                """);

        assertThat(page.skippedLines()).isZero();
        assertThat(page.type("http_request_duration_seconds")).hasValue("histogram");
        assertThat(page.samples("http_request_duration_seconds_bucket")).extracting(PrometheusText.Sample::value)
                .containsExactly(3.0, 4.0);
        assertThat(page.samples("http_request_duration_seconds_bucket").get(1).timestampMillis())
                .isEqualTo(OptionalLong.of(1520879607500L));
    }

    @Test
    void shouldQueryByNameAndLabels() {
        PrometheusText page = PrometheusText.parse("""
                jvm_memory_used_bytes{area="heap",id="eden"} 100
                jvm_memory_used_bytes{area="heap",id="old"} 200
                jvm_memory_used_bytes{area="nonheap",id="metaspace"} 50
                up 1
                """);

        assertThat(page.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).hasValue(300);
        assertThat(page.sum("jvm_memory_used_bytes", Map.of())).hasValue(350);
        assertThat(page.sum("jvm_memory_used_bytes", Map.of("area", "none"))).isEmpty();
        assertThat(page.sum("missing", Map.of())).isEmpty();
        assertThat(page.samples("jvm_memory_used_bytes", Map.of("id", "old"))).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(200.0);
        assertThat(page.value("jvm_memory_used_bytes", Map.of("area", "heap", "id", "eden"))).hasValue(100);
        assertThat(page.value("jvm_memory_used_bytes", Map.of("area", "heap"))).as("exact label set").isEmpty();
        assertThat(page.value("up", Map.of())).hasValue(1);
        assertThat(page.samples("up", Map.of("job", ""))).as("a missing label is empty").hasSize(1);
        assertThat(page.contains("up")).isTrue();
        assertThat(page.contains("down")).isFalse();
    }

    @Test
    void shouldBeImmutable() {
        PrometheusText page = PrometheusText.parse("a{x=\"1\"} 1\n");

        assertThatThrownBy(() -> page.samples().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> page.samples("a").get(0).labels().put("y", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
