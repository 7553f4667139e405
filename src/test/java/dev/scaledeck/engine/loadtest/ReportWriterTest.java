package dev.scaledeck.engine.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.MetricsSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.data.Offset.offset;

class ReportWriterTest {

    private static final String ID = "20261126-140500-api-10-users";

    @TempDir
    Path home;

    private Path reports() {
        return home.resolve("reports");
    }

    private Path written(LoadTestReport report) {
        Optional<Path> directory = new ReportWriter(reports()).write(report);
        assertThat(directory).isPresent();
        return directory.get();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldWriteTheThreeFilesIntoADirectoryNamedAfterTheReportAndLeaveNoTemporaryFiles() throws IOException {
        Path directory = written(ReportFixture.urlReport(ID, ReportFixture.STARTED));

        assertThat(directory).isEqualTo(reports().resolve(ID));
        assertThat(names(directory)).containsExactly("report.html", "report.json", "timeline.csv");
    }

    @Test
    void shouldReplaceAnEarlierReportOfTheSameIdWholeWithoutLeftovers() throws IOException {
        written(ReportFixture.urlReport(ID, ReportFixture.STARTED));
        Path directory = written(ReportFixture.urlReport(ID, ReportFixture.STARTED.plusSeconds(60)));

        assertThat(names(directory)).containsExactly("report.html", "report.json", "timeline.csv");
        assertThat(read(directory.resolve("report.json"))).contains("2026-11-26T14:06:00Z");
    }

    @Test
    void shouldWriteEveryFigureOfTheReportToReportJson() throws IOException {
        JsonNode json = new ObjectMapper().readTree(
                written(ReportFixture.urlReport(ID, ReportFixture.STARTED)).resolve("report.json").toFile());

        assertThat(json.path("id").asText()).isEqualTo(ID);
        assertThat(json.path("name").asText()).isEqualTo("api-10-users");
        assertThat(json.path("started").asText()).isEqualTo("2026-11-26T14:05:00Z");
        assertThat(json.path("ended").asText()).isEqualTo("2026-11-26T14:05:04Z");
        assertThat(json.path("state").asText()).isEqualTo("completed");
        assertThat(json.path("problem").isNull()).isTrue();
        assertThat(json.path("passed").asBoolean()).isFalse();
        JsonNode plan = json.path("plan");
        assertThat(plan.path("workload").asText()).isEqualTo("10 users, ramp-up 2s");
        assertThat(plan.path("workloadKind").asText()).isEqualTo("closed");
        assertThat(plan.path("targetKind").asText()).isEqualTo("url");
        assertThat(plan.path("durationSeconds").asDouble()).isEqualTo(4);
        assertThat(plan.path("request").path("method").asText()).isEqualTo("POST");
        assertThat(plan.path("request").path("headers").get(0).asText()).isEqualTo("Authorization");
        assertThat(plan.path("checks")).extracting(JsonNode::asText).containsExactly("status==200", ReportFixture.HOSTILE_CHECK);
        assertThat(plan.path("thresholds")).extracting(JsonNode::asText).containsExactly("p95<500ms", "error_rate<1%");
        assertThat(plan.path("abortOnFail").asBoolean()).isTrue();
        assertThat(json.path("requests").asLong()).isEqualTo(420);
        assertThat(json.path("rps").asDouble()).isEqualTo(105);
        assertThat(json.path("latencyMs").path("p95").asDouble()).isEqualTo(33.5);
        assertThat(json.path("latencyMs").path("max").asDouble()).isEqualTo(1250);
        assertThat(json.path("latencyMs").path("mean").asDouble()).isEqualTo(15.25);
        assertThat(json.path("errors").path("timeout").asLong()).isEqualTo(5);
        assertThat(json.path("errors").path("5xx").asLong()).isEqualTo(3);
        assertThat(json.path("errors").path("4xx").asLong()).isZero();
        assertThat(json.path("errorCount").asLong()).isEqualTo(8);
        assertThat(json.path("errorRatePercent").asDouble()).isCloseTo(1.905, offset(0.001));
        assertThat(json.path("checks").path("passed").asLong()).isEqualTo(800);
        assertThat(json.path("checks").path("failed").asLong()).isEqualTo(32);
        JsonNode lost = json.path("thresholds").get(1);
        assertThat(lost.path("threshold").asText()).isEqualTo("error_rate<1%");
        assertThat(lost.path("limit").asDouble()).isEqualTo(1);
        assertThat(lost.path("passed").asBoolean()).isFalse();
        JsonNode stalled = json.path("timeline").get(2);
        assertThat(json.path("timeline")).hasSize(4);
        assertThat(stalled.path("elapsedSeconds").asDouble()).isEqualTo(3);
        assertThat(stalled.path("p99Ms").isNull()).as("not measured is null, not NaN").isTrue();
        assertThat(stalled.path("errors").path("timeout").asLong()).isEqualTo(2);
        assertThat(stalled.path("inFlight").asLong()).isEqualTo(10);
    }

    @Test
    void shouldWriteTheTimelineCsvWithTheFixedHeaderAndOneRowPerSecond() throws IOException {
        List<String> lines = Files.readAllLines(
                written(ReportFixture.urlReport(ID, ReportFixture.STARTED)).resolve("timeline.csv"));

        assertThat(lines).containsExactly(
                "elapsed_s,rps,p50_ms,p90_ms,p99_ms,errors,in_flight,users",
                "1,100,12.5,20,30,0,5,5",
                "2,150,14,25,41.25,2,8,10",
                "3,0,,,,2,10,10",
                "4,170,13,22,35,8,0,10");
    }

    @Test
    void shouldWriteTheAskedArrivalRateAsUsersForTheOpenModel() throws IOException {
        List<String> lines = Files.readAllLines(
                written(ReportFixture.clusterReport("cluster", ReportFixture.STARTED)).resolve("timeline.csv"));

        assertThat(lines).extracting(line -> line.substring(line.lastIndexOf(',') + 1))
                .containsExactly("users", "50", "150");
    }

    @Test
    void shouldWriteATimelineThatMetricsSeriesReadsBack() throws IOException {
        Path csv = written(ReportFixture.urlReport(ID, ReportFixture.STARTED)).resolve("timeline.csv");

        MetricsSeries series = MetricsSeries.readCsv(csv, 1);

        assertThat(series.points()).hasSize(4);
        assertThat(series.points().get(1).value(Metric.RESPONSE_TIME)).isEqualTo(41.25);
        assertThat(series.points().get(2).value(Metric.RESPONSE_TIME)).isNaN();
        assertThat(series.points().get(1).value(Metric.CONNECTIONS)).isEqualTo(8);
    }

    @Test
    void shouldWriteAnHtmlPageWithTheVerdictTheFiguresAndEscapedPlanText() throws IOException {
        String html = read(written(ReportFixture.urlReport(ID, ReportFixture.STARTED)).resolve("report.html"));

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<title>Load test api-10-users: FAILED</title>")
                .contains("banner fail")
                .contains("420", "105.0", "33.5", "1,250.0", "15.3", "1.9 %")
                .contains("<code>error_rate&lt;1%</code>", "FAIL", "<code>p95&lt;500ms</code>", "pass")
                .contains("body~&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("<th>timeout</th>", "<th>5xx</th>")
                .contains("Throughput", "Latency percentiles", "Errors", "Virtual users", "<polyline")
                .doesNotContain("<script", "alert('x')");
    }

    @Test
    void shouldKeepTheHtmlPageSelfContained() throws IOException {
        String html = read(written(ReportFixture.urlReport(ID, ReportFixture.STARTED)).resolve("report.html"));
        String masked = ReportText.html("http://admin:****@127.0.0.1:8080/api?token=****&page=1");

        String withoutTarget = html.replace("<code>" + masked + "</code>", "");

        assertThat(html).contains(masked);
        assertThat(withoutTarget).doesNotContain("http://", "https://", "<script", "<link", " src=", " href=",
                "@import", "url(");
    }

    @Test
    void shouldDrawTheDistributionAcrossInstancesForAClusterRun() throws IOException {
        String html = read(written(ReportFixture.clusterReport("cluster", ReportFixture.STARTED)).resolve("report.html"));

        assertThat(html).contains("banner pass", "PASSED", "stopped by the operator", "Arrival rate", "asked rate")
                .contains(">sample-1</text>", "130 (65.0 %)", ">sample-2</text>", "70 (35.0 %)");
    }

    @Test
    void shouldMaskPasswordsAndTokensOfTheTargetInEveryFile() throws IOException {
        Path directory = written(ReportFixture.urlReport(ID, ReportFixture.STARTED));

        for (String file : List.of("report.json", "report.html", "timeline.csv")) {
            assertThat(read(directory.resolve(file))).as(file).doesNotContain("s3cret", "abc123", "Bearer hidden");
        }
        assertThat(read(directory.resolve("report.json")))
                .contains("\"target\" : \"http://admin:****@127.0.0.1:8080/api?token=****&page=1\"");
    }

    @Test
    void shouldMakeTheDirectoryAndFilesReadableByTheOwnerOnly() throws IOException {
        assumeThat(home.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path directory = written(ReportFixture.urlReport(ID, ReportFixture.STARTED));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reports()))).isEqualTo("rwx------");
        for (String file : List.of("report.json", "report.html", "timeline.csv")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void shouldKeepAnIdWithSlashesInsideTheReportsDirectory() {
        Path directory = written(ReportFixture.urlReport("../../etc/x", ReportFixture.STARTED));

        assertThat(directory.getParent()).isEqualTo(reports());
        assertThat(directory.getFileName().toString()).isEqualTo("report-..-..-etc-x");
    }

    @Test
    void shouldReturnEmptyInsteadOfFailingWhenTheReportCannotBeWritten() throws IOException {
        Files.writeString(reports(), "a file where the reports directory should be");

        Optional<Path> directory = new ReportWriter(reports()).write(ReportFixture.urlReport(ID, ReportFixture.STARTED));

        assertThat(directory).isEmpty();
    }
}
