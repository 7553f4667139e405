package dev.scaledeck.embedded;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.TrafficDial;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.scaling.ScalingAction;
import dev.scaledeck.engine.scaling.ScalingDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop on the embedded environment, with short windows: sustained load on the sample
 * instances raises their utilization, the auto-scaler adds an instance, the balancer gives it
 * traffic, and once the load stops the count comes back down after the stabilization window.
 */
class AutoScalingClosedLoopTest {

    @TempDir
    Path home;

    @Test
    void loadShouldAddAnInstanceThatTakesTrafficAndQuietShouldRemoveItAfterTheWindow() throws Exception {
        ScalingConfig config = ConfigLoader.load(null, Map.ofEntries(
                Map.entry("SCALEDECK_HOME", home.toString()),
                Map.entry("SCALEDECK_SAMPLE_INSTANCES", "2"),
                Map.entry("SCALEDECK_AMBIENT_RATE", "0"),
                // 2 instances x 8 workers, each request holding one for 50 ms: about 320 requests/s saturate them.
                Map.entry("SCALEDECK_SAMPLE_SERVICE_TIME", "50ms"),
                Map.entry("SCALEDECK_SCALING_INTERVAL", "1s"),
                Map.entry("SCALEDECK_SCALING_COOLDOWN", "2s"),
                Map.entry("SCALEDECK_SCALE_DOWN_STABILIZATION", "6s"),
                Map.entry("SCALEDECK_SCALING_WARMUP", "2s"),
                Map.entry("SCALEDECK_MIN_INSTANCES", "2"),
                Map.entry("SCALEDECK_MAX_INSTANCES", "3"),
                Map.entry("SCALEDECK_SLOW_START", "2s")), Map.of());
        try (LaunchedEngine launched = new EnvironmentLauncher(config, true, Clock.systemUTC()).launch(p -> { })) {
            ScalingEngine engine = launched.engine();
            TrafficDial traffic = launched.traffic().orElseThrow();
            assertThat(engine.platform().orElseThrow().replicas().desired()).isEqualTo(2);

            traffic.setRate(300);
            ScalingDecision up = await().atMost(Duration.ofSeconds(60)).until(() -> lastApplied(engine, ScalingAction.SCALE_UP),
                    Optional::isPresent).orElseThrow();
            assertThat(up.current()).isEqualTo(2);
            assertThat(up.desired()).isEqualTo(3);
            assertThat(up.reason()).startsWith("cpu ").contains("> 80 % for 2 samples").contains("+1 within rate limit");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(engine.balancer().stats().instances())
                    .filteredOn(i -> i.id().equals("sample-3")).singleElement()
                    .satisfies(i -> assertThat(i.requests()).isGreaterThan(50)));
            assertThat(engine.journal().recent(500)).anyMatch(e -> e.category().equals("scaling")
                    && e.type().equals("scale-up") && e.message().startsWith("2 -> 3 instances: cpu "));

            traffic.setRate(0);
            ScalingDecision down = await().atMost(Duration.ofSeconds(60)).until(() -> lastApplied(engine, ScalingAction.SCALE_DOWN),
                    Optional::isPresent).orElseThrow();
            assertThat(down.desired()).isEqualTo(2);
            assertThat(down.reason()).startsWith("all below scale-down thresholds for 2 samples");
            // The scale-up's own recommendation kept the count for the whole 6 s window first.
            assertThat(Duration.between(up.at(), down.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
            assertThat(engine.autoScaler().decisions()).anyMatch(d -> d.reason().contains("stabilization window"));
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                    assertThat(engine.balancer().stats().instances()).extracting(InstanceStats::id)
                            .containsExactlyInAnyOrder("sample-1", "sample-2"));
            assertThat(engine.journal().recent(500)).extracting(EngineEvent::message)
                    .anyMatch(m -> m.equals("auto-scaler scaled the embedded sample instances from 3 to 2"));
        }
    }

    private static Optional<ScalingDecision> lastApplied(ScalingEngine engine, ScalingAction action) {
        return engine.autoScaler().decisions().stream().filter(d -> d.applied() && d.action() == action)
                .reduce((a, b) -> b);
    }
}
