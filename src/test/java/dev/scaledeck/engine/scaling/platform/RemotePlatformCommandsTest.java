package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.testsupport.TestPostgres;
import io.fabric8.kubernetes.client.Config;
import dev.scaledeck.testsupport.CliRun;
import dev.scaledeck.testsupport.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI on a remote platform, end to end through the engine: {@code scale --to N} on a Swarm
 * service served by a loopback Docker Engine API, and a kubeconfig that cannot be used.
 */
class RemotePlatformCommandsTest {

    @TempDir
    Path home;

    private Result run(Map<String, String> env, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.put("SCALEDECK_HOME", home.toString());
        e.put("DATABASE_URL", TestPostgres.freshDatabase().jdbcUrl());
        return CliRun.run(e, args);
    }

    @Test
    void scaleShouldUpdateTheSwarmServiceThroughTheEngineApi() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FakeDockerEngine docker = new FakeDockerEngine()) {
            docker.answer("GET", "/services/web", 200, SwarmFixtures.replicatedService("web", 3))
                    .answer("GET", "/tasks", 200, SwarmFixtures.tasks(
                            SwarmFixtures.task("t1", 1, "running", "127.0.0.1/8"),
                            SwarmFixtures.task("t2", 2, "running", "127.0.0.1/8"),
                            SwarmFixtures.task("t3", 3, "running", "127.0.0.1/8")))
                    .answer("POST", "/services/" + SwarmFixtures.SERVICE_ID + "/update", 200, "{\"Warnings\":null}");

            Result r = run(Map.of("DEPLOYMENT_PLATFORM", "docker-swarm", "DOCKER_HOST", docker.dockerHost(),
                    "SCALEDECK_SWARM_SERVICE", "web", "SCALEDECK_SWARM_PORT", String.valueOf(closedPort)),
                    "scale", "--to", "5", "--json");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("platform").asText()).isEqualTo("docker-swarm");
            assertThat(json.get("current").asInt()).isEqualTo(3);
            assertThat(json.get("desired").asInt()).isEqualTo(5);
            assertThat(json.get("applied").asBoolean()).isTrue();
            assertThat(json.get("reason").asText()).isEqualTo("operator (CLI) asked for 5");
            FakeDockerEngine.Request update = docker.requests("POST").get(0);
            assertThat(update.query("version")).isEqualTo(String.valueOf(SwarmFixtures.VERSION_INDEX));
            assertThat(new ObjectMapper().readTree(update.body()).at("/Mode/Replicated/Replicas").asInt()).isEqualTo(5);
        }
    }

    @Test
    void anUnusableKubeconfigShouldBeNamedAndTheScalerShouldSayWhyItCannotAct() throws Exception {
        Path broken = home.resolve("kubeconfig");
        Files.writeString(broken, "this: [is not a kubeconfig");
        String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, broken.toString());
        try {
            Result once = run(Map.of("DEPLOYMENT_PLATFORM", "kubernetes"), "autoscale", "--once", "--json");
            Result scale = run(Map.of("DEPLOYMENT_PLATFORM", "kubernetes"), "scale", "--to", "2");

            JsonNode json = new ObjectMapper().readTree(once.out());
            assertThat(json.get("action").asText()).isEqualTo("blocked");
            assertThat(json.get("reason").asText()).startsWith("no ready instance reported metrics");
            assertThat(scale.code()).isEqualTo(1);
            assertThat(scale.err()).contains("the kubernetes platform could not be set up: cannot read the kubeconfig ["
                    + broken + "]");
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
    }
}
