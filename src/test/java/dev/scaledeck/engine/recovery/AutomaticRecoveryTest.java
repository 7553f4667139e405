package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** recovery.mode automatic: a detected scenario starts its plan by itself, once; ask mode only reports it. */
class AutomaticRecoveryTest {

    @TempDir
    Path home;

    @Test
    void automaticModeShouldRunTheMatchedPlanOnceAndAskModeShouldOnlyReportIt() throws Exception {
        Path runbooks = Files.createDirectories(home.resolve("runbooks"));
        // The operator's own instance-crash replaces the shipped one: it only leaves a note.
        Files.writeString(runbooks.resolve("instance-crash.yaml"), """
                id: instance-crash
                name: Instance crash (note only)
                signals: [instance_down]
                rpo: 1s
                rto: 1m
                steps:
                  - name: Leave a note
                    type: notify
                    message: instance down, noted by ${run.id}
                """);
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "LOAD_BALANCER_INSTANCES", "[]", "SCALEDECK_RECOVERY_MODE", "ask"), Map.of());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ScalingEngine engine = ScalingEngine.start(config, TestPostgres.freshDatabase(), List.of(), Clock.systemUTC())) {
            RecoveryCenter dr = engine.recovery();
            assertThat(dr.plan("instance-crash").orElseThrow().name()).isEqualTo("Instance crash (note only)");
            engine.addInstance(new InstanceSpec("ghost", URI.create("http://127.0.0.1:" + port), 1));

            await().atMost(Duration.ofSeconds(90)).until(() -> !dr.detected().isEmpty());
            Thread.sleep(2 * RecoveryCenter.DETECTION_INTERVAL.toMillis());
            assertThat(dr.history()).as("ask mode starts nothing").isEmpty();

            dr.setMode(RecoveryMode.AUTOMATIC);
            engine.removeInstance("ghost").get();
            await().atMost(Duration.ofSeconds(10)).until(() -> dr.detected().isEmpty());
            engine.addInstance(new InstanceSpec("ghost", URI.create("http://127.0.0.1:" + port), 1));

            // Generous: probes every 2 s must fail 3 times, then detection (2 s) starts the run; a loaded machine is slow.
            await().atMost(Duration.ofSeconds(90)).until(() -> dr.history().stream().anyMatch(RunbookProgress::succeeded));
            RunbookProgress run = dr.history().get(0);
            assertThat(run.who()).isEqualTo("automatic");
            assertThat(run.mode()).isEqualTo(RunMode.EXECUTE);
            assertThat(run.steps().get(0).output()).containsExactly("instance down, noted by " + run.runId());

            // Still detected, but within the quiet period it is not started again.
            Thread.sleep(3 * RecoveryCenter.DETECTION_INTERVAL.toMillis());
            assertThat(dr.history()).hasSize(1);
            assertThat(engine.journal().recent(500)).anyMatch(e -> e.category().equals("recovery")
                    && e.type().equals("mode") && e.message().equals("Disaster recovery mode ask -> automatic"));
        }
    }
}
