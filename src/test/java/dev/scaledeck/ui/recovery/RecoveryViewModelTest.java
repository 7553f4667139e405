package dev.scaledeck.ui.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.recovery.PlanStep;
import dev.scaledeck.engine.recovery.RecoveryMode;
import dev.scaledeck.engine.recovery.RunState;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.EngineSql;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import dev.scaledeck.ui.fixtures.TestEngines;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Disaster recovery view model on a real engine, real PostgreSQL, the shipped runbooks and a
 * few of the operator's own; no toolkit, every task on the calling thread (runs on their own).
 */
class RecoveryViewModelTest {

    @TempDir
    static Path home;
    private static ScalingEngine engine;
    private final RecordingDialogService dialogs = new RecordingDialogService(true);
    private final RecoveryViewModel vm = new RecoveryViewModel(new CurrentThreadTaskExecutor(), dialogs, ZoneOffset.UTC,
            Clock.systemUTC());

    @BeforeAll
    static void startEngine() throws Exception {
        Path runbooks = Files.createDirectories(home.resolve("runbooks"));
        Files.writeString(runbooks.resolve("approval.yaml"), """
                id: ui-approval
                name: Approval test
                signals: [ui_test_signal]
                rpo: 1m
                rto: 1m
                steps:
                  - name: Mark the start
                    type: sql
                    statement: INSERT INTO ui_marks VALUES ('started')
                  - name: Ask the operator
                    type: approve
                    question: Mark the end too?
                  - name: Mark the end
                    type: sql
                    statement: INSERT INTO ui_marks VALUES ('ended')
                """);
        Files.writeString(runbooks.resolve("parameters.yaml"), """
                id: ui-parameters
                name: Parameters test
                signals: [ui_test_signal]
                rpo: 1m
                rto: 1m
                parameters:
                  word: ""
                  other: kept
                steps:
                  - name: Store the word
                    type: sql
                    statement: INSERT INTO ui_marks VALUES (${word})
                """);
        Files.writeString(runbooks.resolve("broken.yaml"), """
                id: ui-broken
                name: Broken
                signals: [ui_test_signal]
                rpo: soon
                rto: 1m
                steps:
                  - name: Nothing
                    type: notify
                    message: hello
                """);
        engine = TestEngines.start(home);
        EngineSql.execute(engine, "CREATE TABLE ui_marks (what text NOT NULL)");
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** Reads until the run shown has ended. */
    private void awaitRunEnded() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            vm.poll();
            return !vm.run().steps().isEmpty() && !vm.control().canCancelProperty().get()
                    && !vm.run().outcomeProperty().get().text().startsWith("RUNNING");
        });
    }

    private List<String> marks() throws Exception {
        return EngineSql.rows(engine, "", "SELECT what FROM ui_marks ORDER BY what").stream().map(String::trim).toList();
    }

    @Test
    void shouldListEveryPlanWithItsTargetsAndSayNeverDrilled() {
        vm.engineStarted(engine);

        assertThat(vm.plans()).extracting(PlanRow::id)
                .contains("database-down", "instance-crash", "ui-approval", "ui-parameters");
        PlanRow databaseDown = vm.plans().stream().filter(p -> p.id().equals("database-down")).findFirst().orElseThrow();
        assertThat(databaseDown.name()).isEqualTo("Database down");
        assertThat(databaseDown.signals()).isEqualTo("database_connection_failed");
        assertThat(databaseDown.rpo()).isEqualTo("1m");
        assertThat(databaseDown.rto()).isEqualTo("5m");
        assertThat(databaseDown.lastDrill()).isEqualTo("never drilled");
        assertThat(databaseDown.lastDrillStyle()).isEqualTo(StatusStyles.DEGRADED);
        assertThat(vm.summaryProperty().get()).contains(vm.plans().size() + " plans").contains("mode ask");
    }

    @Test
    void shouldListARunbookFileThatDidNotLoadWithItsFileAndLine() {
        vm.engineStarted(engine);

        assertThat(vm.problems()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.style()).isEqualTo(StatusStyles.BAD);
            assertThat(line.text()).matches(".*broken\\.yaml:4: .*soon.*");
        });
        assertThat(vm.plans()).extracting(PlanRow::id).doesNotContain("ui-broken");
        assertThat(vm.summaryProperty().get()).contains("1 runbook file(s) NOT loaded");
    }

    @Test
    void shouldDryRunTheSelectedPlanListingEveryStepWithoutAsking() {
        vm.engineStarted(engine);
        vm.select("database-down");
        List<String> names = engine.recovery().plan("database-down").orElseThrow().steps().stream()
                .map(PlanStep::name).toList();

        vm.control().dryRun();
        awaitRunEnded();

        assertThat(dialogs.questions()).as("a dry run changes nothing, so it does not ask").isEmpty();
        assertThat(vm.run().steps()).extracting(StepRow::name).containsExactlyElementsOf(names);
        assertThat(vm.run().steps()).extracting(StepRow::stateStyle).containsOnly(StatusStyles.PLANNED);
        assertThat(vm.run().outcomeProperty().get().text())
                .isEqualTo("SUCCEEDED · dry run: " + names.size() + " step(s) listed; nothing was changed");
        assertThat(vm.run().outcomeProperty().get().style()).isEqualTo(StatusStyles.GOOD);
        assertThat(vm.run().titleProperty().get()).startsWith("Dry run of Database down (database-down) · started ");
        assertThat(vm.history().rows().get(0).plan()).isEqualTo("Database down");
        assertThat(vm.history().rows().get(0).state()).isEqualTo("SUCCEEDED");
        assertThat(vm.history().rows().get(0).mode()).isEqualTo("dry-run");
        assertThat(vm.history().rows().get(0).who()).isEqualTo("operator (window)");
    }

    @Test
    void shouldShowTheNewestRunOfTheJournalWhenOpened() {
        vm.engineStarted(engine);
        vm.select("database-down");
        vm.control().dryRun();
        awaitRunEnded();
        String newest = vm.run().shownRunId();

        RecoveryViewModel opened = new RecoveryViewModel(new CurrentThreadTaskExecutor(), dialogs, ZoneOffset.UTC,
                Clock.systemUTC());
        opened.engineStarted(engine);

        assertThat(opened.history().selectedProperty().get().runId()).isEqualTo(newest);
        assertThat(opened.run().shownRunId()).isEqualTo(newest);
        assertThat(opened.run().steps()).isNotEmpty();
    }

    @Test
    void shouldListEveryStepInTheExecuteQuestionAndStartNothingWhenDeclined() throws Exception {
        vm.engineStarted(engine);
        vm.select("ui-approval");
        int runs = vm.history().rows().size();
        dialogs.answer(false);

        vm.control().execute();

        assertThat(dialogs.questions()).singleElement().satisfies(q -> {
            assertThat(q.title()).isEqualTo("Execute Approval test?");
            assertThat(q.confirmLabel()).isEqualTo("Execute plan");
            assertThat(q.message()).contains("\n  1. Mark the start (sql)\n  2. Ask the operator (approve)"
                    + "\n  3. Mark the end (sql)");
        });
        assertThat(vm.control().statusProperty().get().text())
                .isEqualTo("Execution of Approval test cancelled: nothing was changed");
        vm.poll();
        assertThat(vm.history().rows()).hasSize(runs);
        assertThat(engine.recovery().current()).isEmpty();
    }

    @Test
    void shouldAskForAnApprovalInADialogAndGoOnWhenApproved() throws Exception {
        EngineSql.execute(engine, "DELETE FROM ui_marks");
        vm.engineStarted(engine);
        vm.select("ui-approval");

        vm.control().execute();
        awaitRunEnded();

        assertThat(dialogs.questions()).hasSize(2);
        RecordingDialogService.Question approval = dialogs.questions().get(1);
        assertThat(approval.title()).isEqualTo("Approve step 2 of Approval test?");
        assertThat(approval.message()).startsWith("Mark the end too?\n\nExecution of Approval test (ui-approval), run ")
                .contains("started by operator (window)");
        assertThat(approval.confirmLabel()).isEqualTo("Approve");
        assertThat(vm.run().steps()).extracting(StepRow::state).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(vm.run().outcomeProperty().get().text()).startsWith("SUCCEEDED · all 3 step(s) succeeded");
        assertThat(marks()).containsExactly("ended", "started");
    }

    @Test
    void shouldFailTheStepAndSkipTheRestWhenTheOperatorRefusesTheApproval() throws Exception {
        EngineSql.execute(engine, "DELETE FROM ui_marks");
        vm.engineStarted(engine);
        vm.select("ui-approval");
        dialogs.answer(q -> !q.title().startsWith("Approve"));

        vm.control().execute();
        awaitRunEnded();

        assertThat(vm.run().steps()).extracting(StepRow::state).containsExactly("SUCCEEDED", "FAILED", "SKIPPED");
        assertThat(vm.run().steps()).extracting(StepRow::stateStyle)
                .containsExactly(StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.UNKNOWN);
        assertThat(vm.run().outcomeProperty().get().style()).isEqualTo(StatusStyles.BAD);
        assertThat(vm.run().stepTextProperty().get()).as("the failed step's output shows by itself")
                .startsWith("Step 2 · Ask the operator (approve)");
        assertThat(vm.run().output()).contains("refused by the operator");
        assertThat(marks()).containsExactly("started");
    }

    @Test
    void shouldAskForAParameterWithoutDefaultBeforeExecuting() throws Exception {
        EngineSql.execute(engine, "DELETE FROM ui_marks");
        vm.engineStarted(engine);
        vm.select("ui-parameters");

        assertThat(vm.control().parameters()).extracting(ParameterInput::name).containsExactly("other", "word");
        ParameterInput word = vm.control().parameters().get(1);
        assertThat(word.prompt()).isEqualTo("required");
        assertThat(vm.control().parameters().get(0).valueProperty().get()).as("prefilled").isEqualTo("kept");
        assertThat(vm.control().canExecuteProperty().get()).isFalse();
        assertThat(vm.control().canDryRunProperty().get()).isTrue();
        assertThat(vm.control().hintProperty().get().text()).startsWith("Execute needs a value for word");
        assertThat(vm.control().canDrillProperty().get()).as("the plan names no drill fault").isFalse();

        word.valueProperty().set(" hello ");
        // As the plans table does: its selection goes while its rows are replaced.
        vm.plans().addListener((ListChangeListener<PlanRow>) change -> vm.selectedPlanProperty().set(null));
        Path file = home.resolve("runbooks").resolve("parameters.yaml");
        Files.writeString(file, Files.readString(file).replace("name: Parameters test\n",
                "name: Parameters test\ndescription: read again\n"));
        vm.reloadPlans();
        assertThat(vm.selectedPlanProperty().get().plan().description()).isEqualTo("read again");
        assertThat(vm.control().parameters().get(1).valueProperty().get()).as("kept when the plans are read again")
                .isEqualTo(" hello ");
        assertThat(vm.control().canExecuteProperty().get()).isTrue();
        vm.control().execute();
        awaitRunEnded();

        assertThat(dialogs.questions().get(0).message()).contains("Parameters: other = kept; word = hello");
        assertThat(vm.run().outcomeProperty().get().text()).startsWith("SUCCEEDED");
        assertThat(marks()).containsExactly("hello");
    }

    @Test
    void shouldSayWhyADrillCannotStartWithoutAnErrorDialog() {
        vm.engineStarted(engine);
        vm.select("database-down");

        vm.control().drill();

        assertThat(dialogs.questions()).singleElement().satisfies(q -> {
            assertThat(q.title()).isEqualTo("Drill Database down?");
            assertThat(q.message()).startsWith("The drill injects database-down (stops the embedded PostgreSQL");
        });
        assertThat(vm.control().statusProperty().get().style()).isEqualTo(StatusStyles.BAD);
        assertThat(vm.control().statusProperty().get().text()).startsWith("Could not start the drill of Database down: ");
        assertThat(dialogs.errors()).isEmpty();
        assertThat(vm.control().canDrillProperty().get()).as("free to try again").isTrue();
    }

    @Test
    void shouldShowADetectedScenarioAndOfferToRunItsPlanAfterTheUsualQuestion() throws Exception {
        vm.engineStarted(engine);
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        engine.addInstance(new InstanceSpec("ghost", URI.create("http://127.0.0.1:" + port), 1));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                vm.poll();
                return vm.detection().canRunDetectedProperty().get();
            });
            assertThat(vm.detection().alarmProperty().get()).startsWith("Detected: Instance crashed since ")
                    .contains("ghost is UNHEALTHY").endsWith("Check the situation, then run its plan.");
            assertThat(vm.detection().scenarios()).anySatisfy(line -> {
                assertThat(line.text()).startsWith("Instance crashed (instance-crash) since ").contains("instance_down — ghost");
                assertThat(line.style()).isEqualTo(StatusStyles.BAD);
            });
            dialogs.answer(false);

            vm.runDetected();

            assertThat(vm.selectedPlanProperty().get().id()).isEqualTo("instance-crash");
            assertThat(dialogs.questions()).singleElement()
                    .satisfies(q -> assertThat(q.title()).isEqualTo("Execute Instance crashed?"));
            assertThat(engine.recovery().current()).isEmpty();
        } finally {
            engine.removeInstance("ghost").get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            vm.poll();
            return vm.detection().alarmProperty().get().isEmpty();
        });
        assertThat(vm.detection().scenarios()).extracting(line -> line.text())
                .containsExactly("Nothing detected: every signal is quiet");
    }

    @Test
    void shouldTurnAutomaticModeOnOnlyAfterTheOperatorConfirms() {
        vm.engineStarted(engine);
        try {
            dialogs.answer(false);
            vm.detection().automaticProperty().set(true);

            assertThat(dialogs.questions()).singleElement()
                    .satisfies(q -> assertThat(q.title()).isEqualTo("Turn automatic recovery on?"));
            assertThat(vm.detection().automaticProperty().get()).isFalse();
            assertThat(engine.recovery().mode()).isEqualTo(RecoveryMode.ASK);

            dialogs.answer(true);
            vm.detection().automaticProperty().set(true);
            assertThat(engine.recovery().mode()).isEqualTo(RecoveryMode.AUTOMATIC);
            assertThat(vm.detection().modeTextProperty().get()).startsWith("Automatic:");

            vm.detection().automaticProperty().set(false);
            assertThat(dialogs.questions()).as("back to ask without a question").hasSize(2);
            assertThat(engine.recovery().mode()).isEqualTo(RecoveryMode.ASK);
            assertThat(vm.detection().modeTextProperty().get()).startsWith("Ask:");
        } finally {
            engine.recovery().setMode(RecoveryMode.ASK);
        }
    }

    @Test
    void shouldShowAnInterruptedRunFromTheJournalWithTheStepsItHadDone() throws Exception {
        vm.engineStarted(engine);
        vm.select("ui-approval");
        dialogs.answer(q -> !q.title().startsWith("Approve"));
        vm.control().execute();
        awaitRunEnded();
        // A journal as a crash leaves it: still RUNNING at the approval, by a process that is gone.
        Path runs = home.resolve("recovery").resolve("runs");
        String runId = vm.run().shownRunId();
        ObjectMapper json = new ObjectMapper();
        ObjectNode run = (ObjectNode) json.readTree(runs.resolve(runId + ".json").toFile());
        run.put("runId", runId + "-crashed");
        run.put("state", RunState.RUNNING.name());
        run.remove("finished");
        run.put("pid", Long.MAX_VALUE);
        ((ObjectNode) run.get("steps").get(1)).put("state", "RUNNING");
        ((ObjectNode) run.get("steps").get(2)).put("state", "PENDING");
        Files.writeString(runs.resolve(runId + "-crashed.json"), json.writeValueAsString(run));

        vm.reloadPlans();
        vm.history().select(runId + "-crashed");

        RunRow row = vm.history().selectedProperty().get();
        assertThat(row.state()).isEqualTo("INTERRUPTED");
        assertThat(row.stateStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(row.summary()).contains("after 1 of 3 step(s) succeeded");
        assertThat(vm.run().shownRunId()).isEqualTo(runId + "-crashed");
        assertThat(vm.run().steps()).extracting(StepRow::state).containsExactly("SUCCEEDED", "INTERRUPTED", "PENDING");
    }

    @Test
    void shouldAssessEveryPlanAndSaveTheReportForItsOwnerOnly() throws Exception {
        vm.engineStarted(engine);
        await().atMost(Duration.ofSeconds(30)).until(() -> !vm.impact().busyProperty().get());

        assertThat(vm.impact().rows()).hasSize(vm.plans().size());
        ImpactRow databaseDown = vm.impact().rows().stream().filter(r -> r.planId().equals("database-down"))
                .findFirst().orElseThrow();
        assertThat(databaseDown.status()).as("no verified backup yet").isEqualTo("AT RISK");
        assertThat(databaseDown.statusStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(databaseDown.dataAtRisk()).isEqualTo("no verified backup / 1m");
        assertThat(databaseDown.downtime()).isEqualTo("not drilled / 5m");
        assertThat(databaseDown.downtimeStyle()).isEqualTo(StatusStyles.DEGRADED);
        vm.impact().selectedProperty().set(databaseDown);
        assertThat(vm.impact().findingsProperty().get()).startsWith("Database down: ").contains("no verified backup");
        Path file = home.resolve("reports").resolve("impact.md");
        dialogs.chooseFile(file);

        vm.impact().saveReport();

        assertThat(dialogs.fileQuestions()).singleElement().satisfies(q -> assertThat(q.suggested())
                .isEqualTo(home.resolve("recovery").resolve("impact-" + LocalDate.now(ZoneOffset.UTC) + ".md")));
        assertThat(Files.readString(file)).startsWith("# Business impact assessment, ").contains("database-down");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(vm.impact().statusProperty().get().text()).isEqualTo("Saved the impact report to " + file
                + " (readable by you only)");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).as("no temporary file left").containsExactly(file);
        }
    }
}
