package dev.scaledeck.engine.scaling.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DockerEngineHostTest {

    @Test
    void shouldReadAUnixSocketPath() {
        DockerEndpoint endpoint = DockerEndpoint.parse("unix:///var/run/docker.sock");

        assertThat(endpoint.unixSocket()).isEqualTo(Path.of("/var/run/docker.sock"));
        assertThat(endpoint.hostHeader()).isEqualTo("docker");
        assertThat(DockerEngineClient.fromHost(DockerEngineClient.DEFAULT_HOST).host())
                .isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void shouldReadTcpAndHttpAddresses() {
        assertThat(DockerEngineClient.fromHost("tcp://10.0.0.2:2375").host()).isEqualTo("tcp://10.0.0.2:2375");
        assertThat(DockerEngineClient.fromHost(" http://manager.local:8375/ ").host())
                .isEqualTo("tcp://manager.local:8375");
        assertThat(DockerEndpoint.parse("tcp://manager.local").port()).isEqualTo(2375);
        DockerEndpoint v6 = DockerEndpoint.parse("tcp://[::1]:2375");
        assertThat(v6.hostName()).isEqualTo("::1");
        assertThat(v6.hostHeader()).isEqualTo("[::1]:2375");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:2375", "/var/run/docker.sock", "ssh://admin@manager", "https://manager:2376",
            "npipe:////./pipe/docker_engine", "tcp://manager:99999", "tcp://:2375", "tcp://manager:port",
            "unix://docker.sock", "tcp://manager:2375/base", "tcp://user@manager:2375"})
    void shouldRejectAMalformedDockerHostNamingItAndTheAllowedForms(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> DockerEngineClient.fromHost(value))
                .withMessageStartingWith("DOCKER_HOST '" + value + "' is not valid: ")
                .withMessageContaining("use unix:///path/to/docker.sock, tcp://host:port or http://host:port");
    }

    @Test
    void shouldRejectAnEmptyDockerHost() {
        assertThatIllegalArgumentException().isThrownBy(() -> DockerEngineClient.fromHost(" "))
                .withMessageContaining("it is empty");
    }

    @Test
    void shouldRejectATimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DockerEngineClient.fromHost("tcp://h:1", Duration.ZERO, Duration.ofSeconds(1)))
                .withMessage("connectTimeout must be positive, but was PT0S");
    }
}
