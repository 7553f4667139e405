package dev.scaledeck.engine.recovery;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class PlanLoaderTest {

    /** Five lines; {@code steps:} follows on line 6 and the first step starts on line 7. */
    private static final String HEAD = """
            id: test-plan
            name: Test plan
            signals: [database_connection_failed]
            rpo: 1m
            rto: 5m
            """;

    private static final String ONE_STEP = """
            steps:
              - name: Announce
                type: notify
                message: hello
            """;

    private static final String BUILT_IN = "run.id, plan.id, mode, replicas-at-start";

    private static RecoveryPlan parse(String yaml) {
        try {
            return PlanLoader.parse(yaml, "test.yaml");
        } catch (PlanLoadException e) {
            throw new AssertionError("expected the plan to load, but: " + e.getMessage(), e);
        }
    }

    private static List<String> problems(String yaml) {
        PlanLoadException e = catchThrowableOfType(PlanLoadException.class, () -> PlanLoader.parse(yaml, "test.yaml"));
        assertThat(e).as("a PlanLoadException").isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n", describe(e.problems())));
        return describe(e.problems());
    }

    private static List<String> describe(List<PlanProblem> problems) {
        return problems.stream().map(PlanProblem::describe).toList();
    }

    /** The plan's head with these steps (written from column 0 with {@code -} items). */
    private static List<String> stepProblems(String steps) {
        return problems(HEAD + "steps:\n" + steps.indent(2));
    }

    private static StepAction onlyAction(String steps) {
        RecoveryPlan plan = parse(HEAD + "steps:\n" + steps.indent(2));
        assertThat(plan.steps()).hasSize(1);
        return plan.steps().get(0).action();
    }

    @Nested
    class ShippedRunbooks {

        private final Map<String, RecoveryPlan> plans = plansById(PlanLoader.loadAll(Path.of("no-such-directory")));

        private Map<String, RecoveryPlan> plansById(PlanLoader.Loaded loaded) {
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.plans()).extracting(RecoveryPlan::id).containsExactly(
                    "database-down", "instance-crash", "primary-backup-repo-lost", "user-data-damaged");
            return loaded.plans().stream().collect(Collectors.toMap(RecoveryPlan::id, p -> p));
        }

        /** The shipped plan with its scenario and targets checked. */
        private RecoveryPlan shipped(String id, String signal, Duration rpo, Duration rto, DrillFault fault) {
            RecoveryPlan p = plans.get(id);
            assertThat(p.source()).isEqualTo("built-in:" + id + ".yaml");
            assertThat(p.name()).isNotBlank();
            assertThat(p.description()).isNotBlank().doesNotEndWith("\n");
            assertThat(p.signals()).containsExactly(signal);
            assertThat(p.rpo()).isEqualTo(rpo);
            assertThat(p.rto()).isEqualTo(rto);
            assertThat(p.drill()).contains(fault);
            return p;
        }

        private void assertStep(PlanStep step, StepAction action, Duration timeout, int retries, OnFailure onFailure) {
            assertThat(step.action()).isEqualTo(action);
            assertThat(step.timeout()).as("timeout of %s", step.name()).isEqualTo(timeout);
            assertThat(step.retries()).as("retries of %s", step.name()).isEqualTo(retries);
            assertThat(step.retryDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(step.onFailure()).as("onFailure of %s", step.name()).isEqualTo(onFailure);
            assertThat(step.compensation()).isEmpty();
            assertThat(step.name()).isNotBlank();
        }

        @Test
        void databaseDownShouldConfirmStartFailOverCheckAndWait() {
            RecoveryPlan p = shipped("database-down", "database_connection_failed", Duration.ofMinutes(1),
                    Duration.ofMinutes(5), DrillFault.DATABASE_DOWN);
            assertThat(p.impact()).isEqualTo(new BusinessImpact(
                    List.of("converter API", "project editor", "workflow conversions"), List.of("all users"),
                    1200, "EUR", Optional.empty()));
            List<PlanStep> s = p.steps();
            assertThat(s).hasSize(8);
            assertStep(s.get(0), new StepAction.Notify("Database unreachable: recovery ${run.id} started (${mode})",
                    Optional.empty()), Duration.ofSeconds(30), 0, OnFailure.ABORT);
            assertStep(s.get(1), new StepAction.HealthCheck("database", false), Duration.ofSeconds(15), 2,
                    OnFailure.ABORT);
            assertStep(s.get(2), new StepAction.StartDatabase(), Duration.ofMinutes(2), 1, OnFailure.CONTINUE);
            assertStep(s.get(3), new StepAction.Failover("database"), Duration.ofMinutes(1), 0, OnFailure.CONTINUE);
            assertStep(s.get(4), new StepAction.Wait(new WaitCondition(WaitCondition.Kind.DATABASE_UP, "all"),
                    Duration.ofSeconds(1)), Duration.ofMinutes(2), 0, OnFailure.ABORT);
            assertStep(s.get(5), new StepAction.Sql("SELECT count(*) > 0 FROM users", Optional.of("true")),
                    Duration.ofSeconds(30), 2, OnFailure.ABORT);
            assertStep(s.get(6), new StepAction.Wait(new WaitCondition(WaitCondition.Kind.INSTANCES_HEALTHY, "all"),
                    Duration.ofSeconds(1)), Duration.ofMinutes(1), 0, OnFailure.ABORT);
            assertStep(s.get(7), new StepAction.Notify(
                    "Database recovered: the pool and the instances are serving again", Optional.empty()),
                    Duration.ofSeconds(30), 0, OnFailure.ABORT);
        }

        @Test
        void instanceCrashShouldEjectScaleUpAndWaitForTheStartingCapacity() {
            RecoveryPlan p = shipped("instance-crash", "instance_down", Duration.ofSeconds(1),
                    Duration.ofMinutes(2), DrillFault.INSTANCE_CRASH);
            assertThat(p.parameters()).isEqualTo(Map.of("instance", "unhealthy"));
            assertThat(p.impact()).isEqualTo(new BusinessImpact(List.of("converter API"),
                    List.of("users routed to the crashed instance"), 300, "EUR", Optional.empty()));
            List<PlanStep> s = p.steps();
            assertThat(s).hasSize(6);
            assertStep(s.get(0), new StepAction.Notify("Instance down: recovery ${run.id} started", Optional.empty()),
                    Duration.ofSeconds(30), 0, OnFailure.ABORT);
            assertStep(s.get(1), new StepAction.Instance("${instance}", true), Duration.ofSeconds(10), 0,
                    OnFailure.ABORT);
            assertStep(s.get(2), new StepAction.Scale("+1"), Duration.ofMinutes(1), 0, OnFailure.ABORT);
            assertStep(s.get(3), new StepAction.Wait(new WaitCondition(WaitCondition.Kind.INSTANCES_HEALTHY,
                    "${replicas-at-start}"), Duration.ofSeconds(1)), Duration.ofMinutes(2), 0, OnFailure.ABORT);
            assertStep(s.get(4), new StepAction.HealthCheck("instances", true), Duration.ofSeconds(30), 0,
                    OnFailure.CONTINUE);
            assertStep(s.get(5), new StepAction.Notify("Capacity restored: ${replicas-at-start} instances healthy",
                    Optional.empty()), Duration.ofSeconds(30), 0, OnFailure.ABORT);
        }

        @Test
        void userDataDamagedShouldAskThenRestoreTheUserAtThePointInTime() {
            RecoveryPlan p = shipped("user-data-damaged", "user_data_damaged", Duration.ofMinutes(5),
                    Duration.ofMinutes(15), DrillFault.USER_DATA_DAMAGED);
            assertThat(p.parameters()).isEqualTo(Map.of("user", "", "at", ""));
            assertThat(p.impact()).isEqualTo(new BusinessImpact(List.of("project editor"), List.of("one customer"),
                    50, "EUR", Optional.of("SELECT 1")));
            List<PlanStep> s = p.steps();
            assertThat(s).hasSize(4);
            assertStep(s.get(0), new StepAction.Approve("Restore user ${user}'s rows as they were at ${at}? Their "
                    + "changes since then are replaced (what is replaced is saved first)."), Duration.ofSeconds(30), 0,
                    OnFailure.ABORT);
            assertStep(s.get(1), new StepAction.RestoreBackup("user:${user}", Optional.of("${at}")),
                    Duration.ofMinutes(30), 0, OnFailure.ABORT);
            assertStep(s.get(2), new StepAction.Sql("SELECT count(*) > 0 FROM projects WHERE user_id = ${user}",
                    Optional.of("true")), Duration.ofSeconds(30), 0, OnFailure.ABORT);
            assertStep(s.get(3), new StepAction.Notify("User ${user} restored as of ${at}", Optional.empty()),
                    Duration.ofSeconds(30), 0, OnFailure.ABORT);
        }

        @Test
        void primaryBackupRepositoryLostShouldCopyTheBackupsBackFromTheSecondary() {
            RecoveryPlan p = shipped("primary-backup-repo-lost", "backup_repository_missing", Duration.ofHours(25),
                    Duration.ofMinutes(15), DrillFault.BACKUP_REPOSITORY_LOST);
            assertThat(p.impact()).isEqualTo(new BusinessImpact(List.of("backups and restores"), List.of("operators"),
                    0, "EUR", Optional.empty()));
            List<PlanStep> s = p.steps();
            assertThat(s).hasSize(3);
            assertStep(s.get(0), new StepAction.Notify(
                    "Primary backup repository lost: restoring it from the secondary copy (${run.id})",
                    Optional.empty()), Duration.ofSeconds(30), 0, OnFailure.ABORT);
            assertStep(s.get(1), new StepAction.RestoreRepository(), Duration.ofMinutes(30), 0, OnFailure.ABORT);
            assertStep(s.get(2), new StepAction.Notify("Primary backup repository restored from the secondary copy",
                    Optional.empty()), Duration.ofSeconds(30), 0, OnFailure.ABORT);
        }
    }

    @Nested
    class Defaults {

        @Test
        void shouldFillTheDocumentedDefaults() {
            RecoveryPlan plan = parse(HEAD + """
                    steps:
                      - name: Check
                        type: health-check
                        target: database
                      - name: Wait
                        type: wait
                        until: instances-healthy
                      - name: Restore
                        type: restore-backup
                        scope: full
                      - name: Start
                        type: start-database
                      - name: Call
                        type: http
                        url: https://ops.example.com/hook
                    """);
            assertThat(plan.source()).isEqualTo("test.yaml");
            assertThat(plan.description()).isEmpty();
            assertThat(plan.impact()).isEqualTo(BusinessImpact.none());
            assertThat(plan.drill()).isEmpty();
            assertThat(plan.parameters()).isEmpty();
            List<PlanStep> s = plan.steps();
            assertThat(s).extracting(PlanStep::timeout).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2),
                    Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(30));
            assertThat(s).extracting(PlanStep::line).containsExactly(7, 10, 13, 16, 18);
            assertThat(s).allSatisfy(step -> {
                assertThat(step.retries()).isZero();
                assertThat(step.retryDelay()).isEqualTo(Duration.ofSeconds(1));
                assertThat(step.onFailure()).isEqualTo(OnFailure.ABORT);
                assertThat(step.compensation()).isEmpty();
            });
            assertThat(s.get(0).action()).isEqualTo(new StepAction.HealthCheck("database", true));
            assertThat(s.get(1).action()).isEqualTo(new StepAction.Wait(
                    new WaitCondition(WaitCondition.Kind.INSTANCES_HEALTHY, "all"), Duration.ofSeconds(1)));
            assertThat(s.get(2).action()).isEqualTo(new StepAction.RestoreBackup("full", Optional.empty()));
            assertThat(s.get(4).action()).isEqualTo(new StepAction.Http("POST", "https://ops.example.com/hook",
                    Map.of(), Optional.empty(), 0));
        }

        @Test
        void shouldReadEveryFieldOfEveryStepType() {
            RecoveryPlan plan = parse("""
                    id: everything-2
                    name: Everything
                    description: Every field
                    signals: [error_rate_high, backup_stale]
                    rpo: 30s
                    rto: 1h
                    impact:
                      services: [api]
                      userGroups: [everyone]
                      costPerHour: 99.50
                      currency: USD
                      usersQuery: SELECT count(*) FROM users
                    drill:
                      fault: instance-crash
                    parameters:
                      replicas: 4
                      when:
                    steps:
                      - {name: Fail over, type: failover, target: payments}
                      - {name: Out, type: eject, instance: i-1, timeout: 500ms, retries: 3, retryDelay: 0s}
                      - {name: In, type: restore-instance, instance: unhealthy, onFailure: continue}
                      - {name: Scale, type: scale, to: "${replicas}"}
                      - {name: Scale back, type: scale, to: back}
                      - {name: Restore, type: restore-backup, scope: "user:42", at: "2025-03-01T09:30:00Z"}
                      - {name: Restore when, type: restore-backup, scope: "user:7", at: "${when}"}
                      - {name: Gone, type: wait, until: database-down, every: 250ms}
                      - name: Call
                        type: http
                        method: put
                        url: "http://10.0.0.5:8080/admin/${plan.id}?run=${run.id}"
                        headers: {Authorization: "Bearer x"}
                        body: '{"run": "${run.id}"}'
                        expectStatus: 204
                      - {name: Count, type: sql, statement: "SELECT 1"}
                      - {name: Script, type: command, argv: [/opt/ops/fix.sh, "--run=${run.id}"], directory: /opt/ops}
                      - {name: Tell, type: notify, message: done, webhook: "https://hooks.example.com/T1"}
                      - {name: Ask, type: approve, question: "Go on?"}
                      - name: Guarded
                        type: sql
                        statement: UPDATE flags SET on = true
                        onFailure: compensate
                        compensate:
                          - {name: Undo, type: sql, statement: UPDATE flags SET on = false, onFailure: continue}
                    """);
            assertThat(plan.description()).isEqualTo("Every field");
            assertThat(plan.signals()).containsExactly("error_rate_high", "backup_stale");
            assertThat(plan.rto()).isEqualTo(Duration.ofHours(1));
            assertThat(plan.impact()).isEqualTo(new BusinessImpact(List.of("api"), List.of("everyone"), 99.5, "USD",
                    Optional.of("SELECT count(*) FROM users")));
            assertThat(plan.drill()).contains(DrillFault.INSTANCE_CRASH);
            assertThat(plan.parameters()).isEqualTo(Map.of("replicas", "4", "when", ""));
            List<PlanStep> s = plan.steps();
            assertThat(s).extracting(PlanStep::action).containsExactly(
                    new StepAction.Failover("payments"),
                    new StepAction.Instance("i-1", true),
                    new StepAction.Instance("unhealthy", false),
                    new StepAction.Scale("${replicas}"),
                    new StepAction.Scale("back"),
                    new StepAction.RestoreBackup("user:42", Optional.of("2025-03-01T09:30:00Z")),
                    new StepAction.RestoreBackup("user:7", Optional.of("${when}")),
                    new StepAction.Wait(new WaitCondition(WaitCondition.Kind.DATABASE_DOWN, "all"),
                            Duration.ofMillis(250)),
                    new StepAction.Http("PUT", "http://10.0.0.5:8080/admin/${plan.id}?run=${run.id}",
                            Map.of("Authorization", "Bearer x"), Optional.of("{\"run\": \"${run.id}\"}"), 204),
                    new StepAction.Sql("SELECT 1", Optional.empty()),
                    new StepAction.Command(List.of("/opt/ops/fix.sh", "--run=${run.id}"), Optional.of("/opt/ops")),
                    new StepAction.Notify("done", Optional.of("https://hooks.example.com/T1")),
                    new StepAction.Approve("Go on?"),
                    new StepAction.Sql("UPDATE flags SET on = true", Optional.empty()));
            assertThat(s.get(1).timeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(s.get(1).retries()).isEqualTo(3);
            assertThat(s.get(1).retryDelay()).isZero();
            assertThat(s.get(2).onFailure()).isEqualTo(OnFailure.CONTINUE);
            PlanStep guarded = s.get(13);
            assertThat(guarded.onFailure()).isEqualTo(OnFailure.COMPENSATE);
            assertThat(guarded.compensation()).singleElement().satisfies(undo -> {
                assertThat(undo.action())
                        .isEqualTo(new StepAction.Sql("UPDATE flags SET on = false", Optional.empty()));
                assertThat(undo.onFailure()).isEqualTo(OnFailure.CONTINUE);
                assertThat(undo.line()).isEqualTo(43);
            });
        }
    }

    @Nested
    class Validation {

        @Test
        void shouldReportEveryMistakeOfAFileWithItsLine() {
            PlanLoadException e = catchThrowableOfType(PlanLoadException.class, () -> PlanLoader.parse("""
                    id: Database_Down
                    name: Broken plan
                    signals: [database_connection_failed]
                    rpo: 1m
                    rto: soon
                    drill:
                      fault: disk-full
                    steps:
                      - name: Announce
                        type: notify
                        message: "Started ${who}"
                      - name: Wait a while
                        type: wait
                        until: database-up
                        timeout: 2 minutes
                        retrys: 3
                      - name: Run the script
                        type: command
                        argv: ./recover.sh --all
                    owner: ops
                    """, "runbooks/broken.yaml"));
            assertThat(describe(e.problems())).containsExactly(
                    "runbooks/broken.yaml:1: id: \"Database_Down\" is not a plan id; use lower case letters, digits "
                            + "and dashes, starting with a letter or digit, e.g. database-down",
                    "runbooks/broken.yaml:5: rto: \"soon\" is not a duration; use e.g. 30s, 5m",
                    "runbooks/broken.yaml:7: drill.fault: \"disk-full\" is not a drill fault; use database-down, "
                            + "instance-crash, user-data-damaged or backup-repository-lost",
                    "runbooks/broken.yaml:11: steps[1].message: ${who} is not declared in parameters (none) nor "
                            + "built in (" + BUILT_IN + ")",
                    "runbooks/broken.yaml:15: steps[2].timeout: \"2 minutes\" is not a duration; use e.g. 30s, 5m",
                    "runbooks/broken.yaml:16: steps[2].retrys: unknown key; allowed here: name, type, until, count, "
                            + "every, timeout, retries, retryDelay, onFailure, compensate",
                    "runbooks/broken.yaml:19: steps[3].argv: command steps take an argument list "
                            + "(argv: [program, arg, ...]), never a shell string",
                    "runbooks/broken.yaml:20: owner: unknown key; allowed here: id, name, description, signals, rpo, "
                            + "rto, impact, drill, parameters, steps");
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("runbooks/broken.yaml"));
        }

        @Test
        void shouldNameEveryMissingRequiredFieldOfTheFile() {
            assertThat(problems("description: nothing else\n")).containsExactly(
                    "test.yaml: id: required; give lower case letters, digits and dashes, e.g. database-down",
                    "test.yaml: name: required; give a one-line name for people",
                    "test.yaml: signals: required; give at least one signal, e.g. [database_connection_failed]",
                    "test.yaml: rpo: required; give a duration such as 30s, 5m or 2h",
                    "test.yaml: rto: required; give a duration such as 30s, 5m or 2h",
                    "test.yaml: steps: required; give at least one step");
        }

        @Test
        void shouldRejectAnEmptyFile() {
            assertThat(problems("")).containsExactly(
                    "test.yaml: the file is empty; a runbook needs id, name, signals, rpo, rto and steps");
            assertThat(problems("# only a comment\n")).hasSize(1);
        }

        @Test
        void shouldRejectATopLevelList() {
            assertThat(problems("- id: a\n- id: b\n")).containsExactly(
                    "test.yaml:1: a runbook is a mapping of fields (id:, name:, steps: ...), not a list");
        }

        @Test
        void shouldReportAYamlSyntaxErrorWithItsLine() {
            List<String> problems = problems(HEAD + """
                    steps:
                      - name: Announce
                        type: notify
                      message: "unclosed
                    """);
            assertThat(problems).singleElement().asString().startsWith("test.yaml:9: not valid YAML: ");
        }

        @Test
        void shouldRejectTwoDocumentsInOneFile() {
            assertThat(problems(HEAD + ONE_STEP + "---\n" + HEAD)).singleElement().asString()
                    .isEqualTo("test.yaml:10: not valid YAML: expected a single document in the stream, "
                            + "but found another document");
        }

        @Test
        void shouldRejectAKeyGivenTwice() {
            assertThat(problems(HEAD + "rpo: 2m\n" + ONE_STEP))
                    .containsExactly("test.yaml:6: rpo: given twice (first on line 4)");
        }

        @Test
        void shouldRejectAnUnknownKeyNamingTheAllowedOnes() {
            assertThat(stepProblems("""
                    - name: Announce
                      type: notify
                      message: hello
                      channel: ops
                    """)).containsExactly("test.yaml:10: steps[1].channel: unknown key; allowed here: name, type, "
                    + "message, webhook, timeout, retries, retryDelay, onFailure, compensate");
            assertThat(problems(HEAD + ONE_STEP + "impact:\n  cost: 5\n")).containsExactly(
                    "test.yaml:11: impact.cost: unknown key; allowed here: services, userGroups, costPerHour, "
                            + "currency, usersQuery");
        }

        @Test
        void shouldRejectABadPlanId() {
            assertThat(problems(HEAD.replace("id: test-plan", "id: -db") + ONE_STEP)).containsExactly(
                    "test.yaml:1: id: \"-db\" is not a plan id; use lower case letters, digits and dashes, "
                            + "starting with a letter or digit, e.g. database-down");
        }

        @Test
        void shouldRejectMissingEmptyOrBadSignals() {
            assertThat(problems(HEAD.replace("[database_connection_failed]", "[]") + ONE_STEP)).containsExactly(
                    "test.yaml:3: signals: needs at least one signal, e.g. [database_connection_failed]");
            assertThat(problems(HEAD.replace("[database_connection_failed]", "[db_down, DB-Down]") + ONE_STEP))
                    .containsExactly("test.yaml:3: signals[2]: \"DB-Down\" is not a signal name; use lower case "
                            + "letters and underscores, e.g. database_connection_failed");
            assertThat(problems(HEAD.replace("[database_connection_failed]", "database_connection_failed")
                    + ONE_STEP)).containsExactly(
                    "test.yaml:3: signals: must be a list, e.g. [database_connection_failed]");
        }

        @Test
        void shouldRejectTargetsThatAreNotPositiveDurations() {
            assertThat(problems(HEAD.replace("rpo: 1m", "rpo: 0s").replace("rto: 5m", "rto: 5") + ONE_STEP))
                    .containsExactly(
                            "test.yaml:4: rpo: \"0s\" must be longer than 0; use e.g. 30s, 5m",
                            "test.yaml:5: rto: \"5\" is not a duration; use e.g. 30s, 5m");
        }

        @Test
        void shouldRejectABadImpact() {
            assertThat(problems(HEAD + ONE_STEP + """
                    impact:
                      services: converter API
                      costPerHour: -5
                      currency: euro
                    """)).containsExactly(
                    "test.yaml:11: impact.services: must be a list, e.g. [converter API, project editor]",
                    "test.yaml:12: impact.costPerHour: \"-5\" is not an amount; use a number 0 or more, e.g. 1200 "
                            + "or 99.50",
                    "test.yaml:13: impact.currency: \"euro\" is not a currency code; use three capital letters, "
                            + "e.g. EUR");
        }

        @Test
        void shouldRejectAnUnknownDrillFault() {
            assertThat(problems(HEAD + ONE_STEP + "drill:\n  fault: network-partition\n")).containsExactly(
                    "test.yaml:11: drill.fault: \"network-partition\" is not a drill fault; use database-down, "
                            + "instance-crash, user-data-damaged or backup-repository-lost");
            assertThat(problems(HEAD + ONE_STEP + "drill: {}\n")).containsExactly(
                    "test.yaml:10: drill.fault: required; give database-down, instance-crash, user-data-damaged or "
                            + "backup-repository-lost");
        }

        @Test
        void shouldRejectParametersThatShadowTheBuiltInOnes() {
            assertThat(problems(HEAD + ONE_STEP + "parameters:\n  mode: fast\n  bad name: x\n")).containsExactly(
                    "test.yaml:11: parameters.mode: is built in; give the parameter another name",
                    "test.yaml:12: parameters.bad name: \"bad name\" is not a parameter name; use letters, digits, "
                            + "dashes and underscores");
        }

        @Test
        void shouldRejectAnEmptyOrMissingStepList() {
            assertThat(problems(HEAD + "steps: []\n")).containsExactly("test.yaml:6: steps: needs at least one step");
            assertThat(problems(HEAD + "steps: notify\n")).containsExactly(
                    "test.yaml:6: steps: must be a list, not text");
            assertThat(stepProblems("- just text\n")).containsExactly(
                    "test.yaml:7: steps[1]: must be a step (name:, type: and the type's fields), not text");
        }

        @Test
        void shouldRejectAnUnknownStepTypeListingTheTypes() {
            assertThat(stepProblems("""
                    - name: Restart
                      type: restart
                      target: database
                    """)).containsExactly("test.yaml:8: steps[1].type: \"restart\" is not a step type; use "
                    + "health-check, wait, failover, start-database, restore-backup, restore-repository, scale, eject, "
                    + "restore-instance, http, sql, command, notify or approve");
        }

        @Test
        void shouldRequireNameTypeAndTheTypesFields() {
            assertThat(stepProblems("""
                    - type: health-check
                    - name: Untyped
                    - {name: Ask, type: approve, question: ""}
                    """))
                    .containsExactly(
                            "test.yaml:7: steps[1].name: required; give what the step is for",
                            "test.yaml:7: steps[1].target: required; give database, instances or a health check's name",
                            "test.yaml:8: steps[2].type: required; give health-check, wait, failover, start-database, "
                                    + "restore-backup, restore-repository, scale, eject, restore-instance, http, sql, "
                                    + "command, notify or approve",
                            "test.yaml:9: steps[3].question: required; give what the operator is asked to approve");
        }

        @Test
        void shouldRejectBadStepDurationsAndRetries() {
            assertThat(stepProblems("""
                    - name: Announce
                      type: notify
                      message: hello
                      timeout: soon
                      retries: two
                      retryDelay: -1s
                    - {name: Quick, type: notify, message: hi, timeout: 0ms}
                    """)).containsExactly(
                    "test.yaml:10: steps[1].timeout: \"soon\" is not a duration; use e.g. 30s, 5m",
                    "test.yaml:11: steps[1].retries: \"two\" is not a whole number 0 or more",
                    "test.yaml:12: steps[1].retryDelay: \"-1s\" is not a duration; use e.g. 30s, 5m",
                    "test.yaml:13: steps[2].timeout: \"0ms\" must be longer than 0; use e.g. 30s, 5m");
        }

        @Test
        void shouldRejectABadOnFailure() {
            assertThat(stepProblems("- {name: A, type: notify, message: hi, onFailure: retry}\n")).containsExactly(
                    "test.yaml:7: steps[1].onFailure: \"retry\" is not a failure action; use abort, continue or "
                            + "compensate");
        }

        @Test
        void shouldRefuseACommandGivenAsAShellString() {
            assertThat(stepProblems("""
                    - name: Fix
                      type: command
                      argv: "pg_ctl restart && echo ok"
                    """)).containsExactly("test.yaml:9: steps[1].argv: command steps take an argument list "
                    + "(argv: [program, arg, ...]), never a shell string");
        }

        @Test
        void shouldRejectACommandWithoutAProgram() {
            assertThat(stepProblems("""
                    - {name: Empty, type: command, argv: []}
                    - {name: Missing, type: command}
                    - {name: Nested, type: command, argv: [fix, [a, b]]}
                    """)).containsExactly(
                    "test.yaml:7: steps[1].argv: is empty; give at least the program: argv: [program, arg, ...]",
                    "test.yaml:8: steps[2].argv: required; give the program and its arguments as a list: "
                            + "argv: [program, arg, ...]",
                    "test.yaml:9: steps[3].argv[2]: must be text, not a list");
        }

        @Test
        void shouldRejectAnUndeclaredPlaceholderInAnyStepText() {
            assertThat(problems(HEAD + """
                    parameters:
                      user: ""
                    steps:
                      - name: Restore ${user}
                        type: restore-backup
                        scope: "user:${usr}"
                      - name: Ask ${operator}
                        type: approve
                        question: "Restore ${user} for ${mode} run ${run.id} of ${plan.id} (${replicas-at-start})?"
                      - {name: Broken, type: notify, message: "run ${run.id"}
                    """)).containsExactly(
                    "test.yaml:11: steps[1].scope: ${usr} is not declared in parameters (user) nor built in ("
                            + BUILT_IN + ")",
                    "test.yaml:12: steps[2].name: ${operator} is not declared in parameters (user) nor built in ("
                            + BUILT_IN + ")",
                    "test.yaml:15: steps[3].message: \"${\" without a closing \"}\"; write placeholders as ${name}");
        }

        @Test
        void shouldRejectCompensateWithoutOnFailureCompensate() {
            assertThat(stepProblems("""
                    - name: Change
                      type: sql
                      statement: UPDATE t SET x = 1
                      onFailure: continue
                      compensate:
                        - {name: Undo, type: sql, statement: UPDATE t SET x = 0}
                    """)).containsExactly("test.yaml:12: steps[1].compensate: only allowed with onFailure: "
                    + "compensate (here onFailure is continue)");
        }

        @Test
        void shouldRequireCompensatingStepsWithOnFailureCompensate() {
            assertThat(stepProblems("""
                    - {name: Change, type: sql, statement: UPDATE t SET x = 1, onFailure: compensate}
                    - {name: Again, type: sql, statement: UPDATE t SET x = 1, onFailure: compensate, compensate: []}
                    """)).containsExactly(
                    "test.yaml:7: steps[1].compensate: required; give the steps to run when this one fails "
                            + "(required with onFailure: compensate)",
                    "test.yaml:8: steps[2].compensate: needs at least one step (required with onFailure: compensate)");
        }

        @Test
        void shouldValidateCompensatingStepsButRefuseTheirOwnCompensation() {
            assertThat(stepProblems("""
                    - name: Change
                      type: sql
                      statement: UPDATE t SET x = 1
                      onFailure: compensate
                      compensate:
                        - name: Undo
                          type: sql
                          statement: UPDATE t SET x = ${old}
                          timeout: later
                          onFailure: compensate
                          compensate:
                            - {name: Undo the undo, type: notify, message: hi}
                    """)).containsExactly(
                    "test.yaml:14: steps[1].compensate[1].statement: ${old} is not declared in parameters (none) "
                            + "nor built in (" + BUILT_IN + ")",
                    "test.yaml:15: steps[1].compensate[1].timeout: \"later\" is not a duration; use e.g. 30s, 5m",
                    "test.yaml:16: steps[1].compensate[1].onFailure: \"compensate\" is not allowed in a "
                            + "compensating step; use abort or continue",
                    "test.yaml:18: steps[1].compensate[1].compensate: compensating steps cannot have compensating "
                            + "steps of their own");
        }

        @ParameterizedTest
        @ValueSource(strings = {"3", "+2", "back", "${replicas-at-start}"})
        void shouldAcceptTheScaleTargets(String to) {
            assertThat(onlyAction("- {name: S, type: scale, to: \"" + to + "\"}\n"))
                    .isEqualTo(new StepAction.Scale(to));
        }

        @Test
        void shouldRejectBadStepValues() {
            assertThat(stepProblems("""
                    - {name: S, type: scale, to: "-1"}
                    - {name: R, type: restore-backup, scope: "user:bob", at: yesterday}
                    - {name: W, type: wait, until: database-ready}
                    - {name: C, type: wait, until: instances-healthy, count: most}
                    - {name: D, type: wait, until: database-up, count: 2, every: 0s}
                    - {name: H, type: health-check, target: database, expect: ok}
                    """)).containsExactly(
                    "test.yaml:7: steps[1].to: \"-1\" is not a replica count; use N (e.g. 3), +N (e.g. +1), back, "
                            + "or a placeholder such as ${replicas}",
                    "test.yaml:8: steps[2].scope: \"user:bob\" is not a scope; use full or user:ID (the id in digits, "
                            + "or a placeholder as in user:${user})",
                    "test.yaml:8: steps[2].at: \"yesterday\" is not a point in time; use an ISO-8601 instant such as "
                            + "2025-03-01T09:30:00Z, or a placeholder such as ${at}",
                    "test.yaml:9: steps[3].until: \"database-ready\" is not a wait condition; use database-up, "
                            + "database-down, instances-healthy or health-up",
                    "test.yaml:10: steps[4].count: \"most\" is not a count; use a whole number 0 or more, all, or a "
                            + "placeholder such as ${replicas-at-start}",
                    "test.yaml:11: steps[5].count: only applies to until: instances-healthy",
                    "test.yaml:11: steps[5].every: \"0s\" must be longer than 0; use e.g. 30s, 5m",
                    "test.yaml:12: steps[6].expect: \"ok\" is not an expected result; use pass or fail");
        }

        @Test
        void shouldRejectUrlsThatAreNotHttp() {
            assertThat(stepProblems("""
                    - {name: A, type: http, url: "ftp://files.example.com/x"}
                    - {name: B, type: notify, message: hi, webhook: hooks.example.com}
                    - {name: C, type: http, url: "https://ok.example.com", method: FETCH, expectStatus: 42}
                    - {name: D, type: http}
                    """)).containsExactly(
                    "test.yaml:7: steps[1].url: \"ftp://files.example.com/x\" is not an http:// or https:// URL",
                    "test.yaml:8: steps[2].webhook: \"hooks.example.com\" is not an http:// or https:// URL",
                    "test.yaml:9: steps[3].method: \"FETCH\" is not an HTTP method; use GET, HEAD, POST, PUT, PATCH "
                            + "or DELETE",
                    "test.yaml:9: steps[3].expectStatus: \"42\" is not an HTTP status; use 100 to 599, or leave it "
                            + "out for any 2xx",
                    "test.yaml:10: steps[4].url: required; give an http:// or https:// URL");
        }

        @Test
        void shouldReportProblemsOfSeveralStepsInFileOrder() {
            List<String> problems = stepProblems("""
                    - {name: A, type: wait, until: nope}
                    - {name: B, type: scale, to: lots}
                    - {name: C, type: restore-backup, scope: partial}
                    """);
            assertThat(problems).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly(
                    "test.yaml:7", "test.yaml:8", "test.yaml:9");
        }
    }

    @Nested
    class LoadAll {

        @TempDir
        Path dir;

        private static final String OPERATOR_DATABASE_DOWN = """
                id: database-down
                name: Our database down
                signals: [database_connection_failed]
                rpo: 1m
                rto: 10m
                steps:
                  - {name: Page, type: notify, message: "db down (${run.id})"}
                """;

        private void write(String file, String text) throws IOException {
            Files.writeString(dir.resolve(file), text);
        }

        private static String plan(String id) {
            return HEAD.replace("test-plan", id) + ONE_STEP;
        }

        @Test
        void shouldLoadOnlyTheShippedRunbooksWhenTheDirectoryIsAbsent() {
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir.resolve("absent"));
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.plans()).extracting(RecoveryPlan::source).containsExactly(
                    "built-in:database-down.yaml", "built-in:instance-crash.yaml",
                    "built-in:primary-backup-repo-lost.yaml", "built-in:user-data-damaged.yaml");
        }

        @Test
        void shouldLetAnOperatorPlanReplaceTheShippedOneWithItsId() throws IOException {
            write("db.yaml", OPERATOR_DATABASE_DOWN);
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir);
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.plans()).hasSize(4);
            RecoveryPlan db = loaded.plans().get(0);
            assertThat(db.id()).isEqualTo("database-down");
            assertThat(db.name()).isEqualTo("Our database down");
            assertThat(db.source()).isEqualTo(dir.resolve("db.yaml").toString());
        }

        @Test
        void shouldLoadYamlAndYmlFilesSortedByIdAndIgnoreOthers() throws IOException {
            write("b.yml", plan("zz-last"));
            write("a.yaml", plan("aa-first"));
            write("notes.txt", "not a runbook");
            write("c.yaml.bak", plan("backup-copy"));
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir);
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.plans()).extracting(RecoveryPlan::id).containsExactly("aa-first", "database-down",
                    "instance-crash", "primary-backup-repo-lost", "user-data-damaged", "zz-last");
        }

        @Test
        void shouldReportTheSecondOperatorFileWithAnIdAlreadyUsed() throws IOException {
            write("1-first.yaml", plan("ours"));
            write("2-second.yaml", "# the same plan again\n" + plan("ours"));
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir);
            assertThat(describe(loaded.problems())).containsExactly(dir.resolve("2-second.yaml") + ":2: id: \"ours\" "
                    + "is already the id of " + dir.resolve("1-first.yaml") + "; give each plan its own id");
            assertThat(loaded.plans()).filteredOn(p -> p.id().equals("ours")).singleElement()
                    .extracting(RecoveryPlan::source).isEqualTo(dir.resolve("1-first.yaml").toString());
        }

        @Test
        void shouldKeepLoadingTheOtherFilesWhenOneIsInvalid() throws IOException {
            write("a-broken.yaml", plan("broken").replace("rpo: 1m", "rpo: soon"));
            write("b-good.yaml", plan("good"));
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir);
            assertThat(describe(loaded.problems())).containsExactly(
                    dir.resolve("a-broken.yaml") + ":4: rpo: \"soon\" is not a duration; use e.g. 30s, 5m");
            assertThat(loaded.plans()).extracting(RecoveryPlan::id).contains("good").doesNotContain("broken");
        }

        @Test
        void shouldKeepTheShippedPlanWhenTheOperatorsReplacementIsInvalid() throws IOException {
            write("db.yaml", OPERATOR_DATABASE_DOWN.replace("rto: 10m", "rto: never"));
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir);
            assertThat(loaded.problems()).hasSize(1);
            assertThat(loaded.plans().get(0).source()).isEqualTo("built-in:database-down.yaml");
        }

        @Test
        void shouldReportAFileThatCannotBeRead() throws IOException {
            Files.write(dir.resolve("latin1.yaml"), new byte[]{'i', 'd', ':', ' ', (byte) 0xE9, '\n'});
            Files.createDirectory(dir.resolve("folder.yaml"));
            write("ok.yaml", plan("ok"));
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir);
            assertThat(loaded.problems()).extracting(PlanProblem::file, PlanProblem::line).containsExactly(
                    tuple(dir.resolve("folder.yaml").toString(), 0),
                    tuple(dir.resolve("latin1.yaml").toString(), 0));
            assertThat(loaded.problems().get(0).message()).startsWith("cannot be read: ");
            assertThat(loaded.problems().get(1).message()).isEqualTo("cannot be read: not UTF-8 text");
            assertThat(loaded.plans()).extracting(RecoveryPlan::id).contains("ok");
        }

        @Test
        void shouldReportADirectoryThatIsAFile() throws IOException {
            write("runbooks", "a file where the directory should be");
            PlanLoader.Loaded loaded = PlanLoader.loadAll(dir.resolve("runbooks"));
            assertThat(describe(loaded.problems())).containsExactly(dir.resolve("runbooks")
                    + ": is not a directory; your runbooks go in a directory, one *.yaml file each");
            assertThat(loaded.plans()).hasSize(4);
        }
    }
}
