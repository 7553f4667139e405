package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator on a real engine and database with runbooks from a directory: step rules
 * (retries, timeouts, continue, compensation, approvals), dry runs that change nothing, commands
 * without a shell, detection, and the journal.
 */
class RecoveryCenterTest {

    @TempDir
    static Path home;

    private static Path runbooks;
    private static DatabaseUrl db;
    private static ScalingEngine engine;

    @BeforeAll
    static void startEngine() throws Exception {
        runbooks = Files.createDirectories(home.resolve("runbooks"));
        db = TestPostgres.freshDatabase();
        sql("CREATE TABLE marks (what text NOT NULL)");
        write("compensating", """
                id: compensating
                name: Compensating
                signals: [test_signal]
                rpo: 1m
                rto: 1m
                steps:
                  - name: Record that it began
                    type: sql
                    statement: INSERT INTO marks VALUES ('began')
                  - name: A program that fails
                    type: command
                    argv: ["false"]
                    retries: 1
                    retryDelay: 10ms
                    onFailure: compensate
                    compensate:
                      - name: Undo the beginning
                        type: sql
                        statement: DELETE FROM marks WHERE what = 'began'
                      - name: Record the compensation
                        type: sql
                        statement: INSERT INTO marks VALUES ('compensated')
                  - name: Never reached
                    type: sql
                    statement: INSERT INTO marks VALUES ('never')
                """);
        write("rules", """
                id: rules
                name: Step rules
                signals: [test_signal, other_signal]
                rpo: 1m
                rto: 1m
                parameters:
                  word: ""
                steps:
                  - name: Wait for something that never happens
                    type: wait
                    until: database-down
                    every: 100ms
                    timeout: 700ms
                    retries: 1
                    retryDelay: 10ms
                    onFailure: continue
                  - name: Echo the word
                    type: command
                    argv: [echo, "${word}"]
                  - name: Store the word
                    type: sql
                    statement: INSERT INTO marks VALUES (${word})
                  - name: Ask
                    type: approve
                    question: Store ${word} again?
                  - name: Store it again
                    type: sql
                    statement: INSERT INTO marks VALUES ('again')
                """);
        write("webhooks", """
                id: webhooks
                name: Webhooks
                signals: [hook_signal]
                rpo: 1m
                rto: 1m
                parameters:
                  hook: ""
                steps:
                  - name: Call the admin endpoint
                    type: http
                    method: PUT
                    url: ${hook}
                    headers: {X-Run: "${run.id}"}
                    body: '{"run": "${run.id}"}'
                    expectStatus: 202
                  - name: Tell the team
                    type: notify
                    message: webhook test ${run.id}
                    webhook: ${hook}
                """);
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "LOAD_BALANCER_INSTANCES", "[]", "SCALEDECK_RUNBOOKS", runbooks.toString()), Map.of());
        engine = ScalingEngine.start(config, db, List.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private static void write(String id, String yaml) throws Exception {
        Files.writeString(runbooks.resolve(id + ".yaml"), yaml);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static List<String> marks() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT what FROM marks ORDER BY what")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static RunbookProgress run(String plan, RunMode mode, Map<String, String> params, Approver approver)
            throws Exception {
        return engine.recovery().start(plan, mode, params, approver, "test").result().get(60, TimeUnit.SECONDS);
    }

    private static StepProgress step(RunbookProgress run, String name) {
        return run.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFailingStepShouldRunItsCompensationAfterItsRetriesAndStopTheRun() throws Exception {
        sql("DELETE FROM marks");
        RunbookProgress run = run("compensating", RunMode.EXECUTE, Map.of(), Approver.ALWAYS);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.summary()).startsWith("step 2 (A program that fails) failed: false exited with 1")
                .contains("2 compensating step(s) ran");
        StepProgress failed = step(run, "A program that fails");
        assertThat(failed.state()).isEqualTo(StepState.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(run.steps()).extracting(StepProgress::name).containsSubsequence("A program that fails",
                "Undo the beginning", "Record the compensation", "Never reached");
        assertThat(step(run, "Undo the beginning").compensation()).isTrue();
        assertThat(step(run, "Undo the beginning").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(step(run, "Never reached").state()).isEqualTo(StepState.SKIPPED);
        assertThat(marks()).containsExactly("compensated");
    }

    @Test
    void commandArgumentsShouldNeverReachAShell() throws Exception {
        sql("DELETE FROM marks");
        Path victim = home.resolve("victim");
        Files.writeString(victim, "keep me");
        String word = "x'); DELETE FROM marks; -- $(rm " + victim + ") ; rm " + victim + " | true";

        RunbookProgress run = run("rules", RunMode.EXECUTE, Map.of("word", word), Approver.ALWAYS);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(step(run, "Echo the word").output()).contains(word);
        // In SQL the value is bound, not spliced: it is stored as text and deletes nothing.
        assertThat(marks()).containsExactlyInAnyOrder("again", word);
    }

    @Test
    void aTimedOutStepShouldBeRetriedAndOnFailureContinueShouldLetTheRunSucceed() throws Exception {
        sql("DELETE FROM marks");
        RunbookProgress run = run("rules", RunMode.EXECUTE, Map.of("word", "w"), Approver.ALWAYS);

        StepProgress waited = step(run, "Wait for something that never happens");
        assertThat(waited.state()).isEqualTo(StepState.FAILED_CONTINUED);
        assertThat(waited.attempts()).isEqualTo(2);
        assertThat(waited.output()).anyMatch(l -> l.equals("attempt 2 of 2 failed: timed out after 700ms"));
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aRefusedApprovalShouldFailTheRunBeforeTheStepsAfterIt() throws Exception {
        sql("DELETE FROM marks");
        RunbookProgress run = run("rules", RunMode.EXECUTE, Map.of("word", "w"), Approver.NEVER);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.summary()).isEqualTo("step 4 (Ask) failed: refused by the operator");
        assertThat(step(run, "Store it again").state()).isEqualTo(StepState.SKIPPED);
        assertThat(marks()).containsExactly("w");
    }

    @Test
    void aDryRunShouldListEveryStepFilledInAndChangeNothing() throws Exception {
        sql("DELETE FROM marks");
        RunbookProgress run = run("rules", RunMode.DRY_RUN, Map.of("word", "hello"), Approver.NEVER);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.summary()).isEqualTo("dry run: 5 step(s) listed; nothing was changed");
        assertThat(run.steps()).extracting(StepProgress::state).containsOnly(StepState.PLANNED);
        assertThat(step(run, "Echo the word").description()).isEqualTo("run echo hello (no shell)");
        assertThat(step(run, "Store the word").description())
                .isEqualTo("SQL: INSERT INTO marks VALUES (${word}) (bound: ${word} = hello)");
        assertThat(marks()).isEmpty();
    }

    @Test
    void aDryRunWithoutARequiredParameterShouldSaySoAndAnExecuteShouldBeRefused() throws Exception {
        RunbookProgress dry = run("rules", RunMode.DRY_RUN, Map.of(), Approver.NEVER);
        assertThat(dry.state()).isEqualTo(RunState.FAILED);
        assertThat(dry.summary()).contains("parameter(s) word have no value").contains("--param word=...");

        assertThatThrownBy(() -> engine.recovery().start("rules", RunMode.EXECUTE, Map.of(), Approver.NEVER, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("plan rules needs --param word=VALUE");
        assertThatThrownBy(() -> engine.recovery().start("rules", RunMode.EXECUTE, Map.of("wrd", "x"), Approver.NEVER, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("plan rules has no parameter wrd; its parameters are word");
        assertThatThrownBy(() -> engine.recovery().start("nope", RunMode.DRY_RUN, Map.of(), Approver.NEVER, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no plan nope; the plans are ")
                .hasMessageContaining("database-down");
        assertThatThrownBy(() -> engine.recovery().start("rules", RunMode.DRILL, Map.of(), Approver.NEVER, "test"))
                .isInstanceOf(IllegalStateException.class).hasMessage("plan rules has no drill: its YAML names no drill.fault");
    }

    @Test
    void theNextRunShouldStartAsSoonAsThePreviousRunsResultIsThere() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(run("rules", RunMode.DRY_RUN, Map.of("word", "w" + i), Approver.NEVER).succeeded()).isTrue();
        }
        assertThat(engine.recovery().current()).isEmpty();
    }

    @Test
    void everyRunShouldBeJournaledAndReadBack() throws Exception {
        RunbookProgress run = run("rules", RunMode.DRY_RUN, Map.of("word", "journaled"), Approver.NEVER);

        Path file = home.resolve("recovery/runs/" + run.runId() + ".json");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(engine.recovery().history()).filteredOn(r -> r.runId().equals(run.runId())).singleElement()
                .satisfies(r -> {
                    assertThat(r.state()).isEqualTo(RunState.SUCCEEDED);
                    assertThat(r.steps()).hasSize(5);
                    assertThat(r.parameters()).containsEntry("word", "journaled").doesNotContainKeys("run.id", "mode");
                });
        assertThat(engine.journal().recent(200)).anyMatch(e -> e.category().equals("recovery")
                && e.subject().equals(run.runId()) && e.type().equals("succeeded"));
    }

    @Test
    void aRunCutShortByACrashShouldReadBackAsInterruptedWithItsDoneSteps() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path runs = Files.createDirectories(home.resolve("recovery/runs"));
        Files.writeString(runs.resolve("20260101-000000-rules-execute.json"), """
                {"runId": "20260101-000000-rules-execute", "planId": "rules", "planName": "Step rules",
                 "mode": "execute", "state": "RUNNING", "who": "operator (cli)", "started": "2026-01-01T00:00:00Z",
                 "summary": "running", "parameters": {"word": "w"}, "pid": %d,
                 "steps": [
                   {"index": 1, "name": "Echo", "type": "command", "description": "", "state": "SUCCEEDED", "attempts": 1, "output": []},
                   {"index": 2, "name": "Store", "type": "sql", "description": "", "state": "RUNNING", "attempts": 1, "output": []},
                   {"index": 3, "name": "Again", "type": "sql", "description": "", "state": "PENDING", "attempts": 0, "output": []}]}
                """.formatted(gone.pid()));

        RunbookProgress read = engine.recovery().history().stream()
                .filter(r -> r.runId().equals("20260101-000000-rules-execute")).findFirst().orElseThrow();

        assertThat(read.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(read.summary()).startsWith("interrupted: the process running it ended after 1 of 3 step(s) succeeded");
        assertThat(read.steps()).extracting(StepProgress::state)
                .containsExactly(StepState.SUCCEEDED, StepState.INTERRUPTED, StepState.PENDING);
    }

    @Test
    void httpAndNotifyStepsShouldCallTheWebhookWithoutShowingItsSecretPath() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + ex.getRequestHeaders().getFirst("X-Run") + " "
                    + new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        server.start();
        try {
            String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0KEN";
            RunbookProgress run = run("webhooks", RunMode.EXECUTE, Map.of("hook", hook), Approver.NEVER);

            assertThat(run.state()).as(run.summary()).isEqualTo(RunState.SUCCEEDED);
            assertThat(received).containsExactly(
                    "PUT /services/T0KEN " + run.runId() + " {\"run\": \"" + run.runId() + "\"}",
                    "POST /services/T0KEN null {\"text\": \"webhook test " + run.runId() + "\"}");
            assertThat(RunJson.write(run)).doesNotContain("T0KEN");
            assertThat(step(run, "Call the admin endpoint").output()).containsExactly(
                    "PUT http://127.0.0.1:" + server.getAddress().getPort() + "/... -> 202");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpStepShouldFailOnAnotherStatusAndOnAUrlThatIsNotHttp() throws Exception {
        RunbookProgress notHttp = run("webhooks", RunMode.EXECUTE, Map.of("hook", "file:///etc/passwd"), Approver.NEVER);
        assertThat(notHttp.summary()).isEqualTo("step 1 (Call the admin endpoint) failed: "
                + "the URL, once filled in, is not an http(s) URL with a host");
    }

    @Test
    void detectShouldPickThePlanForEachSignalMostSpecificFirst() {
        RecoveryCenter dr = engine.recovery();
        assertThat(dr.detect(List.of("database_connection_failed"))).extracting(DetectedScenario::planId)
                .containsExactly("database-down");
        assertThat(dr.detect(List.of("instance_down"))).extracting(DetectedScenario::planId)
                .containsExactly("instance-crash");
        assertThat(dr.detect(List.of("user_data_damaged"))).extracting(DetectedScenario::planId)
                .containsExactly("user-data-damaged");
        assertThat(dr.detect(List.of("backup_repository_missing"))).extracting(DetectedScenario::planId)
                .containsExactly("primary-backup-repo-lost");
        assertThat(dr.detect(List.of("test_signal", "other_signal"))).extracting(DetectedScenario::planId)
                .containsExactly("rules", "compensating");
        assertThat(dr.detect(List.of("nothing_known"))).isEmpty();
    }

    @Test
    void continuousDetectionShouldSeeAnInstanceThatStoppedAnsweringAndMatchTheInstanceCrashPlan() throws Exception {
        java.net.ServerSocket closed = new java.net.ServerSocket(0);
        int port = closed.getLocalPort();
        closed.close();
        engine.addInstance(new InstanceSpec("ghost", URI.create("http://127.0.0.1:" + port), 1));
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(engine.recovery().detected())
                    .extracting(DetectedScenario::planId).contains("instance-crash"));
            assertThat(engine.recovery().signals()).anyMatch(s -> s.name().equals("instance_down") && s.source().equals("ghost"));
            assertThat(engine.journal().recent(500)).anyMatch(e -> e.category().equals("recovery")
                    && e.type().equals("detected") && e.subject().equals("instance-crash"));
        } finally {
            engine.removeInstance("ghost").get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(engine.recovery().detected())
                .extracting(DetectedScenario::planId).doesNotContain("instance-crash"));
    }
}
