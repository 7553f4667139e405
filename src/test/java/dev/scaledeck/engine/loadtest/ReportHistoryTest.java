package dev.scaledeck.engine.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ReportHistoryTest {

    @TempDir
    Path home;

    private Path reports() {
        return home.resolve("reports");
    }

    private void write(LoadTestReport report) {
        assertThat(new ReportWriter(reports()).write(report)).isPresent();
    }

    @Test
    void shouldBeEmptyBeforeAnyReportWasWritten() {
        assertThat(new ReportHistory(reports()).list()).isEmpty();
    }

    @Test
    void shouldListReportsNewestFirstWithTheirFiguresAndFiles() {
        Instant start = ReportFixture.STARTED;
        write(ReportFixture.urlReport("b-middle", start.plusSeconds(60)));
        write(ReportFixture.clusterReport("c-newest", start.plusSeconds(120)));
        write(ReportFixture.urlReport("a-oldest", start));

        List<ReportSummary> list = new ReportHistory(reports()).list();

        assertThat(list).extracting(ReportSummary::id).containsExactly("c-newest", "b-middle", "a-oldest");
        ReportSummary url = list.get(1);
        assertThat(url.readable()).isTrue();
        assertThat(url.name()).isEqualTo("api-10-users");
        assertThat(url.target()).isEqualTo("http://admin:****@127.0.0.1:8080/api?token=****&page=1");
        assertThat(url.started()).contains(start.plusSeconds(60));
        assertThat(url.ended()).contains(start.plusSeconds(64));
        assertThat(url.state()).contains(RunState.COMPLETED);
        assertThat(url.requests()).isEqualTo(420);
        assertThat(url.requestsPerSecond()).isEqualTo(105);
        assertThat(url.p99Ms()).isEqualTo(40);
        assertThat(url.errorRatePercent()).isCloseTo(1.905, offset(0.001));
        assertThat(url.passed()).isFalse();
        Path directory = reports().resolve("b-middle");
        assertThat(url.directory()).isEqualTo(directory);
        assertThat(url.html()).contains(directory.resolve("report.html"));
        assertThat(url.csv()).contains(directory.resolve("timeline.csv"));
        assertThat(url.json()).contains(directory.resolve("report.json"));
        assertThat(list.get(0).passed()).isTrue();
        assertThat(list.get(0).state()).contains(RunState.STOPPED);
    }

    @Test
    void shouldListADamagedReportWithTheReasonInsteadOfFailing() throws IOException {
        write(ReportFixture.urlReport("good", ReportFixture.STARTED));
        write(ReportFixture.urlReport("damaged", ReportFixture.STARTED.plusSeconds(60)));
        Files.writeString(reports().resolve("damaged").resolve("report.json"), "{\"id\": \"damaged\", \"started\": ");

        List<ReportSummary> list = new ReportHistory(reports()).list();

        assertThat(list).extracting(ReportSummary::id).containsExactlyInAnyOrder("good", "damaged");
        ReportSummary damaged = list.stream().filter(s -> s.id().equals("damaged")).findFirst().orElseThrow();
        assertThat(damaged.readable()).isFalse();
        assertThat(damaged.unreadable()).hasValueSatisfying(why -> assertThat(why).startsWith("report.json is damaged"));
        assertThat(damaged.passed()).isFalse();
        assertThat(damaged.p99Ms()).isNaN();
        assertThat(damaged.html()).isPresent();
    }

    @Test
    void shouldListAReportWithABadValueOrNoStartTimeWithTheReason() throws IOException {
        Files.createDirectories(reports().resolve("bad-state"));
        Files.writeString(reports().resolve("bad-state").resolve("report.json"),
                "{\"id\": \"bad-state\", \"started\": \"2026-11-26T14:05:00Z\", \"state\": \"exploded\"}");
        Files.createDirectories(reports().resolve("no-start"));
        Files.writeString(reports().resolve("no-start").resolve("report.json"), "{\"id\": \"no-start\", \"passed\": true}");

        List<ReportSummary> list = new ReportHistory(reports()).list();

        assertThat(list).extracting(s -> s.id() + ": " + s.unreadable().orElse("")).containsExactlyInAnyOrder(
                "bad-state: report.json has a bad value: No enum constant "
                        + "dev.scaledeck.engine.loadtest.RunState.EXPLODED",
                "no-start: report.json has no start time");
        assertThat(list).noneMatch(ReportSummary::passed);
    }

    @Test
    void shouldListAPartlyWrittenDirectoryAndSkipHiddenEntriesAndPlainFiles() throws IOException {
        write(ReportFixture.urlReport("whole", ReportFixture.STARTED));
        Files.createDirectories(reports().resolve("partial"));
        Files.writeString(reports().resolve("partial").resolve("timeline.csv"), TimelineCsv.HEADER + "\n");
        Files.createDirectories(reports().resolve(".trash"));
        Files.writeString(reports().resolve("notes.txt"), "not a report");

        List<ReportSummary> list = new ReportHistory(reports()).list();

        assertThat(list).extracting(ReportSummary::id).containsExactlyInAnyOrder("whole", "partial");
        ReportSummary partial = list.stream().filter(s -> s.id().equals("partial")).findFirst().orElseThrow();
        assertThat(partial.unreadable()).contains(
                "no report.json: the report was not finished or was partly removed");
        assertThat(partial.csv()).isPresent();
        assertThat(partial.json()).isEqualTo(Optional.empty());
    }
}
