package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.DEPLOYMENT;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.NAMESPACE;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.SELECTOR;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.deployment;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesPlatformTest {

    private static final int PORT = 8080;

    KubernetesMockServer server;
    KubernetesClient client;
    private KubernetesPlatform platform;

    @BeforeEach
    void setUp() {
        platform = new KubernetesPlatform(client, NAMESPACE, DEPLOYMENT, PORT);
    }

    @Test
    void shouldNameThePlatformAndTheDeployment() {
        assertThat(platform.name()).isEqualTo("kubernetes");
        assertThat(platform.target()).isEqualTo("Deployment shop/web");
        assertThat(platform.discoversInstances()).isTrue();
        assertThat(platform.managedScaling()).isEmpty();
    }

    @Test
    void scaleUpAndDownShouldChangeTheDeploymentsReplicasOnTheServer() {
        create(deployment(2, 2));

        platform.scaleTo(5);
        assertThat(specReplicas()).isEqualTo(5);

        platform.scaleTo(1);
        assertThat(specReplicas()).isEqualTo(1);

        platform.scaleTo(0);
        assertThat(specReplicas()).isZero();
    }

    @Test
    void replicasShouldReadDesiredFromTheSpecAndReadyFromTheStatus() {
        create(deployment(3, 2));

        ReplicaStatus status = platform.replicas();

        assertThat(status.desired()).isEqualTo(3);
        assertThat(status.ready()).isEqualTo(2);
        assertThat(status.pending()).isEqualTo(1);
    }

    @Test
    void replicasShouldCountNoReadyPodsWhenTheDeploymentHasNoStatusYet() {
        create(deployment(4, null));

        assertThat(platform.replicas()).isEqualTo(new ReplicaStatus(4, 0));
    }

    @Test
    void replicasShouldFollowAScale() {
        create(deployment(2, 2));

        platform.scaleTo(6);

        assertThat(platform.replicas().desired()).isEqualTo(6);
    }

    @Test
    void instancesShouldBeTheSelectedPodsWithTheirAddressesAndReadiness() {
        create(deployment(3, 1));
        client.pods().inNamespace(NAMESPACE).resource(pod("web-ready", SELECTOR, "10.1.0.5", true, null)).create();
        client.pods().inNamespace(NAMESPACE).resource(pod("web-starting", SELECTOR, "10.1.0.6", false, null)).create();
        client.pods().inNamespace(NAMESPACE).resource(pod("web-pending", SELECTOR, null, false, null)).create();
        client.pods().inNamespace(NAMESPACE).resource(pod("db-0", Map.of("app", "db"), "10.1.0.7", true, null)).create();
        client.pods().inNamespace(NAMESPACE).resource(pod("unlabelled", Map.of(), "10.1.0.8", true, null)).create();
        client.pods().inNamespace("other").resource(pod("web-elsewhere", SELECTOR, "10.2.0.1", true, null)).create();

        assertThat(platform.instances())
                .extracting(PlatformInstance::id, PlatformInstance::url, PlatformInstance::running)
                .containsExactlyInAnyOrder(
                        tuple("web-ready", URI.create("http://10.1.0.5:8080"), true),
                        tuple("web-starting", URI.create("http://10.1.0.6:8080"), false),
                        tuple("web-pending", URI.create("http://web-pending.no-pod-ip.invalid:8080"), false));
    }

    @Test
    void instancesShouldListTheOldestPodFirst() {
        create(deployment(3, 3));
        // The CRUD server stamps creationTimestamp itself; this list comes back as a real server's would.
        server.expect().get().withPath("/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb")
                .andReturn(200, new PodListBuilder().withItems(
                        pod("web-b", SELECTOR, "10.1.0.2", true, "2026-03-01T10:00:05Z"),
                        pod("web-c", SELECTOR, "10.1.0.3", true, "2026-03-01T11:00:00Z"),
                        pod("web-a", SELECTOR, "10.1.0.1", true, "2026-03-01T10:00:00Z")).build())
                .always();

        assertThat(platform.instances()).extracting(PlatformInstance::id).containsExactly("web-a", "web-b", "web-c");
    }

    @Test
    void aTerminatingPodShouldNotCountAsRunning() {
        create(deployment(1, 1));
        server.expect().get().withPath("/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb")
                .andReturn(200, new PodListBuilder().withItems(
                        new PodBuilder(pod("web-old", SELECTOR, "10.1.0.1", true, null))
                                .editMetadata().withDeletionTimestamp("2026-03-01T10:00:00Z").endMetadata().build()).build())
                .always();

        assertThat(platform.instances()).singleElement().extracting(PlatformInstance::running).isEqualTo(false);
    }

    @Test
    void negativeReplicasShouldBeRejectedNamingTheValue() {
        create(deployment(2, 2));

        assertThatThrownBy(() -> platform.scaleTo(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1")
                .hasMessageContaining(">= 0");
        assertThat(specReplicas()).isEqualTo(2);
    }

    @Test
    void scalingAMissingDeploymentShouldNameItsNamespaceAndNameAndNotBeRetryable() {
        assertThatThrownBy(() -> platform.scaleTo(4))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.platform()).isEqualTo("kubernetes");
                })
                .hasMessage("kubernetes: scale Deployment shop/web to 4 failed:"
                        + " Deployment \"web\" not found in namespace \"shop\"");
    }

    @Test
    void readingAMissingDeploymentShouldNameItsNamespaceAndName() {
        assertThatThrownBy(platform::replicas)
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("kubernetes: read Deployment shop/web failed: Deployment \"web\" not found in namespace \"shop\"");
        assertThatThrownBy(platform::instances)
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("list the pods of Deployment shop/web failed")
                .hasMessageContaining("Deployment \"web\" not found in namespace \"shop\"");
    }

    @Test
    void aForbiddenReadShouldCarryTheServersReasonAndNotBeRetryable() {
        server.expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments/web")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("deployments.apps \"web\" is forbidden: User \"ops\" cannot get resource \"deployments\"")
                        .build())
                .always();

        assertThatThrownBy(platform::replicas)
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("kubernetes: read Deployment shop/web failed: deployments.apps \"web\" is forbidden:"
                        + " User \"ops\" cannot get resource \"deployments\" (HTTP 403)");
    }

    @Test
    void aConflictingScaleShouldBeRetryable() {
        create(deployment(2, 2));
        server.expect().put().withPath("/apis/apps/v1/namespaces/shop/deployments/web/scale")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified")
                        .build())
                .always();

        assertThatThrownBy(() -> platform.scaleTo(3))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("kubernetes: scale Deployment shop/web to 3 failed: Operation cannot be fulfilled")
                .hasMessageEndingWith("(HTTP 409)");
    }

    private void create(Deployment deployment) {
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
    }

    private int specReplicas() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).get().getSpec().getReplicas();
    }
}
