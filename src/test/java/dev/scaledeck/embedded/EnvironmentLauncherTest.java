package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole embedded environment as a new user gets it: a real PostgreSQL seeded with the
 * sample data, sample instances that answer, and a second ScaleDeck process (a real JVM) that
 * reuses both instead of starting its own.
 */
class EnvironmentLauncherTest {

    @TempDir
    Path home;

    @Test
    void shouldStartTheEmbeddedEnvironmentAndLetASecondProcessReuseIt() throws Exception {
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "SCALEDECK_SAMPLE_INSTANCES", "2", "SCALEDECK_AMBIENT_RATE", "20",
                // An instance ejected for failing requests stays out this long even once healthy.
                "SCALEDECK_EJECTION_TIME", "3s"), Map.of());
        List<String> progress = new CopyOnWriteArrayList<>();
        List<String> ids;
        int port;
        try (LaunchedEngine launched = new EnvironmentLauncher(config, true, Clock.systemUTC()).launch(progress::add)) {
            assertThat(progress).anyMatch(p -> p.contains("PostgreSQL")).last().isEqualTo("Running");
            assertThat(launched.description()).startsWith("embedded PostgreSQL jdbc:postgresql://");

            SchemaCounts counts = SampleSchema.counts(launched.engine().pool());
            assertThat(counts.users()).isGreaterThanOrEqualTo(1_000);
            assertThat(counts.workflows()).isGreaterThanOrEqualTo(50_000);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(launched.engine().instances().snapshot())
                            .hasSize(2).allSatisfy(s -> assertThat(s.state()).isEqualTo(InstanceState.UP)));
            ids = launched.engine().instances().snapshot().stream().map(InstanceStatus::id).toList();
            port = Integer.parseInt(launched.engine().pool().maskedUrl().replaceAll(".*:(\\d+)/.*", "$1"));
            assertThat(Files.exists(RunFile.path(home))).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> launched.engine().pool().stats().acquired() > 5);

            JsonNode second = statusFromAnotherJvm();
            assertThat(second.at("/database/embedded").asBoolean()).isTrue();
            assertThat(second.at("/database/reachable").asBoolean()).isTrue();
            assertThat(second.at("/database/url").asText()).contains(":" + port + "/scaledeck");
            List<String> secondIds = new ArrayList<>();
            second.get("instances").forEach(i -> secondIds.add(i.get("id").asText()));
            assertThat(secondIds).isEqualTo(ids);
            assertThat(second.get("instances")).allSatisfy(i -> assertThat(i.get("state").asText()).isEqualTo("UP"));

            assertThat(launched.engine().journal().recent(50)).extracting(EngineEvent::type).contains("started", "up");

            shouldTakeAStoppedInstanceOutAndBringItBackThroughSlowStart(launched);
        }
        assertThat(Files.exists(RunFile.path(home))).as("run file removed on close").isFalse();
        assertThat(Files.readString(home.resolve("events.jsonl"))).contains("\"type\":\"stopped\"");
    }

    /** The "done when": stop an instance, traffic moves away; start it, it comes back. */
    private void shouldTakeAStoppedInstanceOutAndBringItBackThroughSlowStart(LaunchedEngine launched) throws Exception {
        var engine = launched.engine();
        var platform = engine.platform().orElseThrow();
        platform.stop("sample-2");

        await().atMost(Duration.ofSeconds(20)).until(() -> !engine.balancer().stats().instance("sample-2").eligible());
        var out = engine.balancer().stats().instance("sample-2");
        assertThat(out.state().name()).isIn("UNHEALTHY", "EJECTED");
        long sample1Before = engine.balancer().stats().instance("sample-1").requests();
        long sample2Before = engine.balancer().stats().instance("sample-2").requests();
        await().atMost(Duration.ofSeconds(15)).until(() -> engine.balancer().stats().instance("sample-1").requests() > sample1Before + 5);
        assertThat(engine.balancer().stats().instance("sample-2").requests()).as("no traffic to a stopped instance").isEqualTo(sample2Before);

        JsonNode fromCli = runInAnotherJvm("instances", "--json");
        JsonNode stopped = null;
        for (JsonNode i : fromCli.get("instances")) {
            if (i.get("id").asText().equals("sample-2")) {
                stopped = i;
            }
        }
        assertThat(stopped).isNotNull();
        assertThat(stopped.get("state").asText()).isEqualTo("UNHEALTHY");
        assertThat(stopped.get("eligible").asBoolean()).isFalse();
        assertThat(stopped.get("reason").asText()).isNotBlank();

        platform.start("sample-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.balancer().stats().instance("sample-2").eligible());
        var back = engine.balancer().stats().instance("sample-2");
        assertThat(back.effectiveWeight()).as("ramping up through slow start").isLessThan(back.weight());
        long sample2Back = back.requests();
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.balancer().stats().instance("sample-2").requests() > sample2Back);
    }

    private JsonNode statusFromAnotherJvm() throws IOException, InterruptedException {
        return runInAnotherJvm("status", "--json");
    }

    private JsonNode runInAnotherJvm(String... command) throws IOException, InterruptedException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.scaledeck.Main"));
        args.addAll(java.util.List.of(command));
        args.addAll(java.util.List.of("--home", home.toString()));
        Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isIn(0, 1);
        return new ObjectMapper().readTree(out);
    }
}
