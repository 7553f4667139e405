package dev.scaledeck.embedded;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.DrillFaults;
import dev.scaledeck.engine.recovery.FaultDrill;
import dev.scaledeck.engine.recovery.ManagedDatabase;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * database-down and instance-crash drills on one embedded environment: the fault takes effect,
 * the RPO is measured with marker rows, and the cleanup leaves the environment as it began.
 * The plan's steps are played by the test (start the database, eject, scale).
 */
class DatabaseAndInstanceDrillsTest {

    @TempDir
    static Path home;
    private static LaunchedEngine launched;
    private static ScalingEngine engine;

    @BeforeAll
    static void launch() throws Exception {
        launched = DrillEnvironment.launch(home, Map.of("SCALEDECK_PROBE_INTERVAL", "500ms"));
        engine = launched.engine();
    }

    @AfterAll
    static void close() {
        if (launched != null) {
            launched.close();
        }
    }

    @Test
    void shouldMeasureNoLossWhenThePlanStartsTheStoppedDatabaseAgain() throws Exception {
        ManagedDatabase database = launched.managedDatabase().orElseThrow();
        FaultDrill drill = DrillFaults.create(DrillFault.DATABASE_DOWN, engine, Optional.of(database));
        drill.prepare();
        assertThat(drill.parameters()).isEmpty();

        Instant faultAt = drill.inject();

        assertThat(faultAt).isBeforeOrEqualTo(Instant.now());
        assertThat(database.running()).isFalse();
        assertThat(engine.pool().ping(Duration.ofSeconds(2))).isFalse();

        database.start(); // the plan's start-database step
        FaultDrill.Rpo rpo = drill.measureRpo();

        assertThat(rpo.lost()).isZero();
        assertThat(rpo.basis()).matches("the last marker committed before the fault \\(\\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC\\) survived");
        assertThat(drill.cleanup()).containsExactly("deleted 2 drill marker(s) from scaledeck_drill_marks");
        assertThat(count("SELECT count(*) FROM scaledeck_drill_marks")).isZero();
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(SampleSchema.USERS);
    }

    @Test
    void shouldStartTheDatabaseInCleanupWhenThePlanLeftItDown() throws Exception {
        ManagedDatabase database = launched.managedDatabase().orElseThrow();
        FaultDrill drill = injectedDatabaseDown(database);
        assertThat(database.running()).isFalse();

        List<String> done = drill.cleanup();

        assertThat(done).containsExactly("started the database again (the plan left it down)",
                "deleted 2 drill marker(s) from scaledeck_drill_marks");
        assertThat(database.running()).isTrue();
        assertThat(count("SELECT count(*) FROM scaledeck_drill_marks")).isZero();
    }

    @Test
    void shouldMeasureTheCommitsLostWhenTheLastMarkerIsGone() throws Exception {
        ManagedDatabase database = launched.managedDatabase().orElseThrow();
        FaultDrill drill = injectedDatabaseDown(database);
        database.start();
        // As a server that lost its last commit would come back: the newest marker is missing.
        engine.pool().withConnection(c -> c.createStatement().executeUpdate("DELETE FROM scaledeck_drill_marks "
                + "WHERE at = (SELECT max(at) FROM scaledeck_drill_marks)"));

        FaultDrill.Rpo rpo = drill.measureRpo();

        assertThat(rpo.lost()).isPositive();
        assertThat(rpo.basis()).contains("is gone; the newest that survived is from")
                .contains(rpo.lost().toMillis() + " ms earlier");
        assertThat(drill.cleanup()).containsExactly("deleted 1 drill marker(s) from scaledeck_drill_marks");
    }

    @Test
    void shouldCrashTheNewestInstanceAndLeaveTheFleetAsItBeganAfterThePlan() throws Exception {
        ScalingPlatform platform = engine.platform().orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> state("sample-2") == InstanceState.UP);
        assertThat(runningIds(platform)).containsExactly("sample-1", "sample-2");
        URI address = platform.instances().get(1).url();
        FaultDrill drill = DrillFaults.create(DrillFault.INSTANCE_CRASH, engine, Optional.empty());
        drill.prepare();

        drill.inject();

        assertThat(runningIds(platform)).containsExactly("sample-1");
        await().atMost(Duration.ofSeconds(15)).until(() -> state("sample-2") == InstanceState.DOWN);
        // The plan: take it out of rotation and add an instance in its place.
        engine.balancer().eject("sample-2", "plan: crashed");
        engine.autoScaler().scaleTo(3, "plan");
        assertThat(runningIds(platform)).containsExactly("sample-1", "sample-3");
        FaultDrill.Rpo rpo = drill.measureRpo();
        assertThat(rpo.lost()).isZero();

        List<String> done = drill.cleanup();

        assertThat(done).containsExactly("started sample-2 again at " + address,
                "put sample-2 back in the balancer's rotation",
                "scaled back from 3 to 2 instance(s), the count before the drill",
                "deleted 2 drill marker(s) from scaledeck_drill_marks");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(platform.instances()).extracting(PlatformInstance::id).containsExactly("sample-1", "sample-2");
            assertThat(engine.instances().snapshot()).extracting(InstanceStatus::id)
                    .containsExactlyInAnyOrder("sample-1", "sample-2");
        });
        assertThat(platform.replicas().desired()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(state("sample-2")).isEqualTo(InstanceState.UP);
            assertThat(engine.balancer().stats().instance("sample-2").state()).isEqualTo(InstanceHealth.HEALTHY);
        });
    }

    private static FaultDrill injectedDatabaseDown(ManagedDatabase database) throws Exception {
        FaultDrill drill = DrillFaults.create(DrillFault.DATABASE_DOWN, engine, Optional.of(database));
        drill.prepare();
        drill.inject();
        return drill;
    }

    private static List<String> runningIds(ScalingPlatform platform) {
        return platform.instances().stream().filter(PlatformInstance::running).map(PlatformInstance::id).toList();
    }

    private static InstanceState state(String id) {
        return engine.instances().snapshot().stream().filter(s -> s.id().equals(id)).findFirst()
                .map(InstanceStatus::state).orElse(InstanceState.UNKNOWN);
    }

    private static long count(String sql) throws SQLException {
        return engine.pool().withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
