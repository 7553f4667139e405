package dev.scaledeck.embedded;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.recovery.Approver;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepProgress;
import dev.scaledeck.engine.recovery.StepState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each shipped runbook as a drill on the embedded environment: the fault is injected, the engine
 * detects it, the plan recovers, RTO and RPO are measured, and the environment ends as it began.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedRunbookDrillsTest {

    @TempDir
    static Path home;

    private static LaunchedEngine launched;
    private static ScalingEngine engine;

    @BeforeAll
    static void launch() throws Exception {
        Path copies = Files.createDirectories(home.resolve("second-disk"));
        launched = DrillEnvironment.launch(home, Map.of(
                "SCALEDECK_BACKUP_COPIES", "[\"" + copies + "\"]",
                "SCALEDECK_PROBE_INTERVAL", "500ms",
                "SCALEDECK_SLOW_START", "1s"));
        engine = launched.engine();
    }

    @AfterAll
    static void close() {
        if (launched != null) {
            launched.close();
        }
    }

    private static RunbookProgress drill(String plan) throws Exception {
        RunbookProgress run = engine.recovery().start(plan, RunMode.DRILL, Map.of(), Approver.ALWAYS, "test")
                .result().get(5, TimeUnit.MINUTES);
        assertThat(run.state()).as(plan + ": " + run.summary() + "\n" + run.steps()).isEqualTo(
                dev.scaledeck.engine.recovery.RunState.SUCCEEDED);
        assertThat(run.steps()).as("every step ran").extracting(StepProgress::state)
                .doesNotContain(StepState.FAILED, StepState.PENDING, StepState.FAILED_CONTINUED);
        return run;
    }

    private static List<String> healthyInstances() {
        return engine.balancer().stats().instances().stream().filter(i -> i.state() == InstanceHealth.HEALTHY)
                .map(InstanceStats::id).sorted().toList();
    }

    private static long users() throws Exception {
        return engine.pool().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    @Order(0)
    void aDryRunOfEveryShippedPlanShouldChangeNeitherTheDatabaseNorTheInstances() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> healthyInstances().size() == 2);
        String before = state();

        for (String plan : List.of("database-down", "instance-crash", "primary-backup-repo-lost", "user-data-damaged")) {
            Map<String, String> params = plan.equals("user-data-damaged")
                    ? Map.of("user", "1", "at", "2026-11-27T10:00:00Z") : Map.of();
            RunbookProgress run = engine.recovery().start(plan, RunMode.DRY_RUN, params, Approver.NEVER, "test")
                    .result().get(1, TimeUnit.MINUTES);
            assertThat(run.succeeded()).as(plan + ": " + run.summary()).isTrue();
            assertThat(run.steps()).extracting(StepProgress::state).containsOnly(StepState.PLANNED);
            assertThat(run.steps()).allMatch(s -> s.started().isEmpty());
        }

        assertThat(state()).isEqualTo(before);
    }

    /** The instances as the balancer and the platform see them, and every sample table's rows. */
    private static String state() throws Exception {
        String rows = engine.pool().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM users u)"
                    + " || (SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM projects p)"
                    + " || (SELECT count(*) FROM workflows) || '/' || (SELECT count(*) FROM conversions)")) {
                rs.next();
                return rs.getString(1);
            }
        });
        return rows + " " + engine.balancer().stats().instances().stream().map(i -> i.id() + ":" + i.state())
                .sorted().toList() + " replicas " + engine.platform().orElseThrow().replicas().desired()
                + " backups " + engine.backups().list().size();
    }

    @Test
    @Order(1)
    void databaseDownShouldBeDetectedRestartedAndMeasured() throws Exception {
        long before = users();
        RunbookProgress run = drill("database-down");

        DrillMeasurement m = run.measured().orElseThrow();
        assertThat(m.detectedAt()).as("the engine saw the database go").isPresent();
        assertThat(m.rto()).isPositive().isLessThan(Duration.ofMinutes(5));
        assertThat(m.rpo()).as(m.rpoBasis()).isEqualTo(Duration.ZERO);
        assertThat(m.rtoMet()).isTrue();
        assertThat(run.steps()).filteredOn(s -> s.type().equals("failover")).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(StepState.SKIPPED));
        assertThat(run.summary()).startsWith("drill recovered: RTO ");
        assertThat(users()).isEqualTo(before);
        assertThat(engine.recovery().lastDrill("database-down")).map(RunbookProgress::runId).contains(run.runId());
    }

    @Test
    @Order(2)
    void instanceCrashShouldEjectAndRestoreCapacityThenPutTheFleetBack() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> healthyInstances().size() == 2);
        List<String> before = healthyInstances();

        RunbookProgress run = drill("instance-crash");

        DrillMeasurement m = run.measured().orElseThrow();
        assertThat(m.detectedAt()).isPresent();
        assertThat(m.rto()).isPositive().isLessThan(Duration.ofMinutes(2));
        assertThat(m.rpo()).isEqualTo(Duration.ZERO);
        assertThat(run.steps()).filteredOn(s -> s.type().equals("eject")).singleElement()
                .satisfies(s -> assertThat(s.output()).anyMatch(l -> l.startsWith("ejected sample-")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(healthyInstances()).isEqualTo(before));
        assertThat(engine.platform().orElseThrow().replicas().desired()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void userDataDamagedShouldRestoreTheUserAsOfJustBeforeTheDamage() throws Exception {
        RunbookProgress run = drill("user-data-damaged");

        DrillMeasurement m = run.measured().orElseThrow();
        assertThat(run.parameters()).containsKeys("user", "at");
        assertThat(m.rpo()).isPositive().isLessThan(Duration.ofMinutes(5));
        assertThat(m.rpoBasis()).isNotBlank();
        assertThat(run.steps()).filteredOn(s -> s.type().equals("restore-backup")).singleElement()
                .satisfies(s -> assertThat(s.output()).anyMatch(l -> l.contains("restored as of")));
    }

    @Test
    @Order(4)
    void primaryBackupRepositoryLostShouldBeRestoredFromTheSecondCopy() throws Exception {
        Path primary = engine.backups().repository().directory();
        RunbookProgress run = drill("primary-backup-repo-lost");

        DrillMeasurement m = run.measured().orElseThrow();
        assertThat(m.detectedAt()).isPresent();
        assertThat(m.rpo()).isEqualTo(Duration.ZERO);
        assertThat(primary).isDirectory();
        assertThat(engine.backups().list()).isNotEmpty().allMatch(b -> b.copies() == 1);
        try (var siblings = Files.list(primary.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".drill-"));
        }
    }
}
