package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static dev.scaledeck.engine.scaling.platform.SwarmFixtures.SERVICE_ID;
import static dev.scaledeck.engine.scaling.platform.SwarmFixtures.VERSION_INDEX;
import static dev.scaledeck.engine.scaling.platform.SwarmFixtures.globalService;
import static dev.scaledeck.engine.scaling.platform.SwarmFixtures.replicatedService;
import static dev.scaledeck.engine.scaling.platform.SwarmFixtures.task;
import static dev.scaledeck.engine.scaling.platform.SwarmFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerSwarmPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPDATE = "/services/" + SERVICE_ID + "/update";

    private FakeDockerEngine docker;
    private DockerSwarmPlatform platform;

    @BeforeEach
    void startDocker() throws IOException {
        docker = new FakeDockerEngine();
        platform = new DockerSwarmPlatform(DockerEngineClient.fromHost(docker.dockerHost()), "web");
    }

    @AfterEach
    void stopDocker() {
        docker.close();
    }

    @Test
    void shouldNameItselfAndTheService() {
        assertThat(platform.name()).isEqualTo("docker-swarm");
        assertThat(platform.target()).isEqualTo("service web");
        assertThat(platform.discoversInstances()).isTrue();
        assertThat(platform.managedScaling()).isEmpty();
    }

    @Test
    void shouldScaleUpByPostingTheWholeSpecWithOnlyReplicasChangedAtTheVersionRead() throws IOException {
        String service = replicatedService("web", 2);
        docker.answer("GET", "/services/web", 200, service)
                .answer("POST", UPDATE, 200, "{\"Warnings\":null}");

        platform.scaleTo(5);

        assertUpdatedTo(service, 5);
        assertThat(docker.requests("POST").get(0).body()).contains("\"MaxFailureRatio\":0.1");
    }

    @Test
    void shouldScaleDownToZeroKeepingTheRestOfTheSpec() throws IOException {
        String service = replicatedService("web", 3);
        docker.answer("GET", "/services/web", 200, service)
                .answerWithLength("POST", UPDATE, 200, "{\"Warnings\":[\"image could not be pinned\"]}");

        platform.scaleTo(0);

        assertUpdatedTo(service, 0);
    }

    @Test
    void shouldCountOnlyRunningTasksAsReady() {
        docker.answer("GET", "/services/web", 200, replicatedService("web", 4))
                .answer("GET", "/tasks", 200, tasks(task("t1", 1, "running", "10.0.1.5/24"),
                        task("t2", 2, "running", "10.0.1.6/24"), task("t3", 3, "starting", "10.0.1.7/24"),
                        task("t4", 4, "preparing", null)));

        assertThat(platform.replicas()).isEqualTo(new ReplicaStatus(4, 2));
    }

    @Test
    void shouldAskForTheServicesTasksThatShouldBeRunning() throws IOException {
        docker.answer("GET", "/services/web", 200, replicatedService("web", 1))
                .answer("GET", "/tasks", 200, "[]");

        platform.replicas();

        FakeDockerEngine.Request list = docker.requests().stream()
                .filter(r -> r.path().endsWith("/tasks")).findFirst().orElseThrow();
        assertThat(list.rawQuery()).doesNotContain("{", "\"", " ");
        assertThat(JSON.readTree(list.query("filters")))
                .isEqualTo(JSON.readTree("{\"service\":[\"web\"],\"desired-state\":[\"running\"]}"));
    }

    @Test
    void shouldListTasksAsInstancesAtTheirApplicationNetworkAddress() throws IOException {
        docker.answer("GET", "/tasks", 200, tasks(task("t2", 2, "starting", "10.0.1.6/24"),
                task("t1", 1, "running", "10.0.1.5/24"), task("t9", 3, "preparing", null)));
        DockerSwarmPlatform onPort3000 = new DockerSwarmPlatform(DockerEngineClient.fromHost(docker.dockerHost()),
                "web", 3000);

        assertThat(platform.instances()).containsExactly(
                new PlatformInstance("web.1", URI.create("http://10.0.1.5:8080"), true),
                new PlatformInstance("web.2", URI.create("http://10.0.1.6:8080"), false));
        assertThat(onPort3000.instances()).extracting(PlatformInstance::url)
                .containsExactly(URI.create("http://10.0.1.5:3000"), URI.create("http://10.0.1.6:3000"));
    }

    @Test
    void shouldTakeTheFirstAttachmentWhenOnlyTheIngressNetworkHasAnAddress() {
        String task = """
                [{"ID":"abc","Slot":1,"Status":{"State":"running"},"NetworksAttachments":[
                  {"Network":{"Spec":{"Name":"ingress","Ingress":true}},"Addresses":["10.0.0.5/24"]}]}]""";
        docker.answer("GET", "/tasks", 200, task);

        assertThat(platform.instances()).containsExactly(
                new PlatformInstance("web.1", URI.create("http://10.0.0.5:8080"), true));
    }

    @Test
    void shouldSayTheServiceIsNotFoundAndNotRetry() {
        docker.answer("GET", "/services/web", 404, "{\"message\":\"service web not found\"}");

        assertThatThrownBy(() -> platform.scaleTo(3))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("docker-swarm: scale service web to 3 failed: service web not found");
        assertThatThrownBy(platform::replicas).hasMessageContaining("service web not found");
        assertThat(docker.requests("POST")).isEmpty();
    }

    @Test
    void shouldReportAConflictingUpdateAsRetryable() {
        docker.answer("GET", "/services/web", 200, replicatedService("web", 2))
                .answer("POST", UPDATE, 409, "{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}");

        assertThatThrownBy(() -> platform.scaleTo(4))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("scale service web to 4 failed: rpc error: code = Unknown desc = update out of"
                        + " sequence (HTTP 409)");
    }

    @Test
    void shouldReportUpdateOutOfSequenceAsRetryableWhateverTheStatus() {
        docker.answer("GET", "/services/web", 200, replicatedService("web", 2))
                .answer("POST", UPDATE, 400, "{\"message\":\"update out of sequence\"}");

        assertThatThrownBy(() -> platform.scaleTo(4))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void shouldNotRetryOnANodeThatIsNotASwarmManager() {
        docker.answer("GET", "/services/web", 503, "{\"message\":\"This node is not a swarm manager. Worker nodes"
                + " can't be used to view or modify cluster state.\"}");

        assertThatThrownBy(platform::replicas)
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("This node is not a swarm manager");
    }

    @Test
    void shouldSayTheDaemonIsNotReachableWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DockerSwarmPlatform unreachable = new DockerSwarmPlatform(
                DockerEngineClient.fromHost("tcp://127.0.0.1:" + closedPort), "web");

        assertThatThrownBy(() -> unreachable.scaleTo(2))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("docker-swarm: scale service web to 2 failed: the Docker daemon at tcp://127.0.0.1:"
                        + closedPort + " is not reachable");
    }

    @Test
    void shouldRefuseToScaleAGlobalService() {
        docker.answer("GET", "/services/web", 200, globalService("web"))
                .answer("GET", "/tasks", 200, "[]");

        assertThatThrownBy(() -> platform.scaleTo(2))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("global services cannot be scaled");
        assertThatThrownBy(platform::replicas).hasMessageContaining("global services cannot be scaled");
        assertThat(docker.requests("POST")).isEmpty();
    }

    @Test
    void shouldRejectANegativeReplicaCountWithoutCallingDocker() {
        assertThatIllegalArgumentException().isThrownBy(() -> platform.scaleTo(-1)).withMessageContaining("-1");
        assertThat(docker.requests()).isEmpty();
    }

    @Test
    void shouldRejectABadServiceNameOrPort() {
        DockerEngineClient client = DockerEngineClient.fromHost(docker.dockerHost());
        assertThatIllegalArgumentException().isThrownBy(() -> new DockerSwarmPlatform(client, "web/../x"))
                .withMessageContaining("'web/../x'");
        assertThatIllegalArgumentException().isThrownBy(() -> new DockerSwarmPlatform(client, "web", 0))
                .withMessageContaining("between 1 and 65535, but was 0");
    }

    @Test
    void shouldReportADaemonThatStopsAnsweringAsRetryable() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DockerSwarmPlatform slow = new DockerSwarmPlatform(DockerEngineClient.fromHost(
                    "tcp://127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(2), Duration.ofMillis(200)), "web");

            assertThatThrownBy(slow::replicas)
                    .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageStartingWith("docker-swarm: read replicas of service web failed:"
                            + " the Docker daemon at tcp://127.0.0.1:" + silent.getLocalPort() + " did not answer GET /services/web within 200 ms");
        }
    }

    /** One update was posted: to the service's id, at the version read, with the spec read and only Replicas changed. */
    private void assertUpdatedTo(String service, int replicas) throws IOException {
        assertThat(docker.requests("POST")).hasSize(1);
        FakeDockerEngine.Request update = docker.requests("POST").get(0);
        assertThat(update.path()).isEqualTo("/v1.41/services/" + SERVICE_ID + "/update");
        assertThat(update.query("version")).isEqualTo(String.valueOf(VERSION_INDEX));
        assertThat(update.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(update.body())).isEqualTo(specWithReplicas(service, replicas));
    }

    private static JsonNode specWithReplicas(String service, int replicas) throws IOException {
        ObjectNode spec = (ObjectNode) JSON.readTree(service).get("Spec").deepCopy();
        ((ObjectNode) spec.get("Mode").get("Replicated")).put("Replicas", replicas);
        return spec;
    }
}
