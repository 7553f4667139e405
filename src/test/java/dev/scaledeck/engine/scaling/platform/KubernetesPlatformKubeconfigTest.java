package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.NAMESPACE;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@link KubernetesPlatform#fromKubeconfig}: the operator's kubeconfig, its contexts and namespaces. */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlatformKubeconfigTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;
    private String previousKubeconfig;

    @BeforeEach
    void pointKubeconfigAtTheMockServer() throws IOException {
        previousKubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        useKubeconfig(client.getMasterUrl().toString());
    }

    @AfterEach
    void restoreKubeconfig() {
        if (previousKubeconfig == null) {
            System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        } else {
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previousKubeconfig);
        }
    }

    @Test
    void shouldUseTheCurrentContextAndItsNamespace() {
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment(3, 2)).create();

        try (KubernetesPlatform platform = KubernetesPlatform.fromKubeconfig(Optional.empty(), Optional.empty(), "web", 8080)) {
            assertThat(platform.target()).isEqualTo("Deployment shop/web");
            assertThat(platform.replicas()).isEqualTo(new ReplicaStatus(3, 2));
        }
    }

    @Test
    void aNamedContextWithoutNamespaceShouldUseTheDefaultNamespace() {
        try (KubernetesPlatform platform = KubernetesPlatform.fromKubeconfig(Optional.of("plain"), Optional.empty(), "web", 8080)) {
            assertThat(platform.target()).isEqualTo("Deployment default/web");
        }
    }

    @Test
    void anExplicitNamespaceShouldWinOverTheContexts() {
        try (KubernetesPlatform platform = KubernetesPlatform.fromKubeconfig(Optional.of("shop"), Optional.of("staging"), "web", 8080)) {
            assertThat(platform.target()).isEqualTo("Deployment staging/web");
        }
    }

    @Test
    void anUnknownContextShouldBeRejectedNamingTheKnownOnes() {
        assertThatThrownBy(() -> KubernetesPlatform.fromKubeconfig(Optional.of("prod"), Optional.empty(), "web", 8080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"prod\"")
                .hasMessageContaining("shop, plain");
    }

    @Test
    void anUnreachableServerShouldFailAtOnceAsRetryable() throws IOException {
        String server = "https://127.0.0.1:" + closedPort();
        useKubeconfig(server);

        try (KubernetesPlatform platform = KubernetesPlatform.fromKubeconfig(Optional.empty(), Optional.empty(), "web", 8080)) {
            // fabric8 would retry ten times with growing backoff (about 20 s); the platform leaves retries to its caller.
            assertTimeoutPreemptively(Duration.ofSeconds(8), () ->
                    assertThatThrownBy(() -> platform.scaleTo(2))
                            .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isTrue())
                            .hasMessage("kubernetes: scale Deployment shop/web to 2 failed:"
                                    + " cannot connect to the API server at " + server + "/"));
        }
    }

    @Test
    void aMalformedKubeconfigShouldBeRejectedNamingTheFile() throws IOException {
        Path broken = dir.resolve("broken-config");
        Files.writeString(broken, "clusters: [ {name: mock, cluster: {server: 12}\n  - ::: nope\n");
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, broken.toString());

        assertThatThrownBy(() -> KubernetesPlatform.fromKubeconfig(Optional.empty(), Optional.empty(), "web", 8080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the kubeconfig [" + broken + "]: ");
    }

    private void useKubeconfig(String serverUrl) throws IOException {
        Path kubeconfig = dir.resolve("config-" + System.nanoTime());
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: ops
                  user:
                    token: not-a-real-token
                contexts:
                - name: shop
                  context:
                    cluster: mock
                    user: ops
                    namespace: shop
                - name: plain
                  context:
                    cluster: mock
                    user: ops
                current-context: shop
                """.formatted(serverUrl));
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
