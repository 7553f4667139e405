package dev.scaledeck.engine.scaling.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerEngineClientTest {

    @TempDir
    Path dir;

    @Test
    void shouldDecodeAChunkedAnswerOverAUnixSocket() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + "a\r\n{\"ID\":\"sv\"\r\n"
                + "11;name=value\r\n,\"Spec\":{\"Name\":\"\r\n"
                + "6\r\nweb\"}}\r\n"
                + "0\r\n\r\n";
        try (UnixSocketServer daemon = new UnixSocketServer(dir.resolve("docker.sock"), chunked)) {
            DockerResponse response = DockerEngineClient.fromHost(daemon.dockerHost()).get("/services/web");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"ID\":\"sv\",\"Spec\":{\"Name\":\"web\"}}");
            assertThat(response.headers()).containsEntry("API-VERSION", "1.43");
            assertThat(daemon.request()).startsWith("GET /v1.41/services/web HTTP/1.1\r\n")
                    .contains("\r\nHost: docker\r\n", "\r\nConnection: close\r\n")
                    .doesNotContain("Content-Length");
        }
    }

    @Test
    void shouldPostAJsonBodyWithItsLengthOverAUnixSocket() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"Warnings\":[]}";
        try (UnixSocketServer daemon = new UnixSocketServer(dir.resolve("docker.sock"), answer)) {
            DockerResponse response = DockerEngineClient.fromHost(daemon.dockerHost())
                    .post("/services/sv/update?version=12", "{\"Name\":\"wéb\"}");

            assertThat(response.body()).isEqualTo("{\"Warnings\":[]}");
            assertThat(daemon.request()).startsWith("POST /v1.41/services/sv/update?version=12 HTTP/1.1\r\n")
                    .contains("\r\nContent-Type: application/json\r\n", "\r\nContent-Length: 15\r\n")
                    .endsWith("\r\n\r\n{\"Name\":\"wéb\"}");
        }
    }

    @Test
    void shouldSurfaceDockersErrorMessage() throws Exception {
        try (UnixSocketServer daemon = new UnixSocketServer(dir.resolve("docker.sock"),
                "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "23\r\n{\"message\":\"service web not found\"}\r\n0\r\n\r\n")) {
            DockerResponse response = DockerEngineClient.fromHost(daemon.dockerHost()).get("/services/web");

            assertThat(response.successful()).isFalse();
            assertThat(response.errorMessage()).isEqualTo("service web not found");
        }
    }

    @Test
    void shouldSendTheTcpHostAsHostHeader() throws Exception {
        try (FakeDockerEngine docker = new FakeDockerEngine()) {
            docker.answerWithLength("GET", "/version", 200, "{\"ApiVersion\":\"1.43\"}");
            DockerEngineClient client = DockerEngineClient.fromHost(docker.dockerHost());

            DockerResponse response = client.get("/version");

            assertThat(response.body()).isEqualTo("{\"ApiVersion\":\"1.43\"}");
            assertThat(docker.requests().get(0).header("Host")).isEqualTo(docker.dockerHost().substring("tcp://".length()));
        }
    }

    @Test
    void shouldNameTheSocketWhenNoDaemonListens() {
        DockerEngineClient client = DockerEngineClient.fromHost("unix://" + dir.resolve("missing.sock"));

        assertThatThrownBy(() -> client.get("/services/web"))
                .isInstanceOf(DockerUnreachableException.class)
                .hasMessageStartingWith("the Docker daemon at unix://" + dir.resolve("missing.sock")
                        + " is not reachable: ");
    }

    @Test
    void shouldGiveUpOnADaemonThatDoesNotAnswer() throws Exception {
        try (UnixSocketServer silent = new UnixSocketServer(dir.resolve("docker.sock"), null)) {
            DockerEngineClient client = DockerEngineClient.fromHost(silent.dockerHost(), Duration.ofSeconds(1),
                    Duration.ofMillis(200));

            assertThatThrownBy(() -> client.get("/services/web"))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("the Docker daemon at " + silent.dockerHost()
                            + " did not answer GET /services/web within 200 ms");
        }
    }

    @Test
    void shouldRefuseAPathThatIsNotEncoded() {
        DockerEngineClient client = DockerEngineClient.fromHost("tcp://127.0.0.1:2375");

        assertThatThrownBy(() -> client.get("/tasks?filters={\"a b\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URL-encoded");
    }
}
