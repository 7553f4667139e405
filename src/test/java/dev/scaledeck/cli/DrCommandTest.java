package dev.scaledeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scaledeck dr ...} on the real embedded environment. The data directory is shared by the
 * class, so only the first command initialises and seeds the embedded database; the others
 * start it again on the same files. Usage errors are found before anything starts.
 */
class DrCommandTest {

    private static final List<String> SHIPPED = List.of("database-down", "instance-crash", "user-data-damaged",
            "primary-backup-repo-lost");

    @TempDir
    static Path home;

    private static Result run(String... args) {
        return CliRun.inHome(home, Map.of("SCALEDECK_SAMPLE_INSTANCES", "2"), args);
    }

    private static JsonNode json(Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void plansShouldListTheFourShippedRunbooksWithTheirTargetsAndDrills() throws Exception {
        Result r = run("dr", "plans", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = json(r);
        List<String> ids = new ArrayList<>();
        doc.get("plans").forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(SHIPPED);
        assertThat(doc.get("plans")).allSatisfy(p -> {
            assertThat(p.get("rtoMs").asLong()).isPositive();
            assertThat(p.get("steps").asInt()).isPositive();
            assertThat(p.get("signals")).isNotEmpty();
        });
        assertThat(doc.get("problems")).isEmpty();
    }

    @Test
    void dryRunShouldPlanEveryStepAndChangeNothing() throws Exception {
        Result r = run("dr", "run", "database-down", "--dry-run", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = json(r);
        assertThat(doc.get("mode").asText()).isEqualTo("dry-run");
        assertThat(doc.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(doc.get("steps")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("state").asText()).isEqualTo("PLANNED");
            assertThat(s.has("started")).as("started").isFalse();
        });
        String runId = doc.get("runId").asText();
        assertThat(home.resolve("recovery/runs/" + runId + ".json")).exists();
        // No step ran: the run's only events are its start and its end.
        List<String> events = Files.readAllLines(home.resolve("events.jsonl")).stream()
                .filter(l -> l.contains("\"subject\":\"" + runId + "\"")).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("\"type\":\"started\"");
        assertThat(events.get(1)).contains("\"type\":\"succeeded\"");
    }

    @Test
    void runShouldNeedExactlyOneModeAndNameTheOptions() {
        Result none = run("dr", "run", "database-down");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--dry-run").contains("--drill").contains("--execute");

        Result two = run("dr", "run", "database-down", "--dry-run", "--execute");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("--dry-run").contains("--execute").contains("mutually exclusive");
    }

    @Test
    void runShouldRefuseAnUnknownPlanAnUnknownParameterAndAnUnconfirmedExecute() {
        Result plan = run("dr", "run", "datbase-down", "--dry-run");
        assertThat(plan.code()).isEqualTo(2);
        assertThat(plan.err()).contains("No plan 'datbase-down'").contains(SHIPPED);

        Result parameter = run("dr", "run", "instance-crash", "--dry-run", "--param", "colour=blue");
        assertThat(parameter.code()).isEqualTo(2);
        assertThat(parameter.err()).contains("Plan instance-crash has no parameter colour");

        Result execute = run("dr", "run", "database-down", "--execute");
        assertThat(execute.code()).isEqualTo(2);
        assertThat(execute.err()).contains("no terminal to ask on; pass --yes");
        assertThat(plan.out() + parameter.out() + execute.out()).isEmpty();
    }

    @Test
    void assessShouldWriteTheMarkdownReportForOwnerOnly() throws Exception {
        Path file = home.resolve("impact.md");

        Result r = run("dr", "assess", "--output", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Business impact assessment").contains("Wrote the report as Markdown to " + file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String md = Files.readString(file);
        assertThat(md).contains("| Plan | Users affected | Data at risk / RPO target |");
        SHIPPED.forEach(id -> assertThat(md).contains("(`" + id + "`)"));
    }

    @Test
    void instanceCrashDrillShouldRecoverAndMeasureRtoAndRpo() throws Exception {
        Result r = run("dr", "run", "instance-crash", "--drill", "--yes", "--json");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode doc = json(r);
        assertThat(doc.get("state").asText()).as(doc.get("summary").asText()).isEqualTo("SUCCEEDED");
        assertThat(doc.at("/measured/rtoMs").isNumber()).isTrue();
        assertThat(doc.at("/measured/rtoMs").asLong()).isPositive();
        assertThat(doc.at("/measured/rpoMs").isNumber()).isTrue();
        assertThat(doc.at("/measured/rtoMet").isBoolean()).isTrue();
    }
}
