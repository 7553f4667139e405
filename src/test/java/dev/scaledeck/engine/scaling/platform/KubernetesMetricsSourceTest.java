package dev.scaledeck.engine.scaling.platform;

import dev.scaledeck.engine.scaling.InstanceMetrics;
import dev.scaledeck.testsupport.MutableClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.DEPLOYMENT;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.NAMESPACE;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.container;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.deployment;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.pod;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.podMetrics;
import static dev.scaledeck.engine.scaling.platform.KubernetesObjects.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The CRUD mock serves metrics.k8s.io as an always-empty list, so the pod metrics come from
 * expectations on the same server; the Deployment and its pods are CRUD objects.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesMetricsSourceTest {

    private static final String METRICS_PATH = "/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?labelSelector=app%3Dweb";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    KubernetesMockServer server;
    KubernetesClient client;
    private KubernetesMetricsSource source;

    @BeforeEach
    void setUp() {
        source = new KubernetesMetricsSource(client, NAMESPACE, DEPLOYMENT, new MutableClock(NOW));
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment(2, 2)).create();
    }

    @Test
    void shouldReportUsageAsAPercentageOfTheRequestsLikeTheHpa() {
        create(pod("web-1", container("250m", "128Mi")));
        serveMetrics(podMetrics("web-1", usage("200m", "64Mi")));

        InstanceMetrics metrics = single(source.collect());

        assertThat(metrics.instanceId()).isEqualTo("web-1");
        assertThat(metrics.at()).isEqualTo(NOW);
        assertThat(metrics.cpuPercent()).isCloseTo(80.0, within(1e-9));
        assertThat(metrics.memoryPercent()).isCloseTo(50.0, within(1e-9));
        assertThat(metrics.activeConnections()).isNaN();
        assertThat(metrics.responseTimeMs()).isNaN();
    }

    @Test
    void shouldParseWholeCoresNanocoresBinaryAndDecimalMemory() {
        create(pod("web-1", container("1", "1Gi")));
        create(pod("web-2", container("500m", "1000k")));
        serveMetrics(podMetrics("web-1", usage("250000000n", "256Mi")),
                podMetrics("web-2", usage("123456n", "500k")));

        List<InstanceMetrics> metrics = source.collect();

        InstanceMetrics first = byId(metrics, "web-1");
        assertThat(first.cpuPercent()).isCloseTo(25.0, within(1e-9));
        assertThat(first.memoryPercent()).isCloseTo(25.0, within(1e-9));
        InstanceMetrics second = byId(metrics, "web-2");
        assertThat(second.cpuPercent()).isCloseTo(0.0246912, within(1e-9));
        assertThat(second.memoryPercent()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void shouldSumAllContainersOfAPod() {
        create(pod("web-1", container("100m", "64Mi"), container("300m", "192Mi")));
        serveMetrics(podMetrics("web-1", usage("100m", "64Mi"), usage("500m", "64Mi")));

        InstanceMetrics metrics = single(source.collect());

        assertThat(metrics.cpuPercent()).isCloseTo(150.0, within(1e-9));
        assertThat(metrics.memoryPercent()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void aResourceAContainerDoesNotRequestShouldNotBeReported() {
        create(pod("web-none", container(null, null)));
        create(pod("web-cpu-only", container("250m", null)));
        create(pod("web-half", container("250m", "128Mi"), container(null, "128Mi")));
        serveMetrics(podMetrics("web-none", usage("100m", "64Mi")),
                podMetrics("web-cpu-only", usage("100m", "64Mi")),
                podMetrics("web-half", usage("100m", "64Mi"), usage("100m", "64Mi")));

        List<InstanceMetrics> metrics = source.collect();

        assertThat(byId(metrics, "web-none").cpuPercent()).isNaN();
        assertThat(byId(metrics, "web-none").memoryPercent()).isNaN();
        assertThat(byId(metrics, "web-cpu-only").cpuPercent()).isCloseTo(40.0, within(1e-9));
        assertThat(byId(metrics, "web-cpu-only").memoryPercent()).isNaN();
        assertThat(byId(metrics, "web-half").cpuPercent()).isNaN();
        assertThat(byId(metrics, "web-half").memoryPercent()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void podsWithoutMetricsAndMetricsOfOtherPodsShouldBeLeftOut() {
        create(pod("web-1", container("250m", "128Mi")));
        create(pod("web-new", container("250m", "128Mi")));
        serveMetrics(podMetrics("web-1", usage("50m", "32Mi")), podMetrics("web-gone", usage("50m", "32Mi")));

        assertThat(source.collect()).extracting(InstanceMetrics::instanceId).containsExactly("web-1");
    }

    @Test
    void aMissingMetricsApiShouldSayMetricsServerIsNotInstalled() {
        create(pod("web-1", container("250m", "128Mi")));
        server.expect().get().withPath(METRICS_PATH)
                .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound")
                        .withMessage("the server could not find the requested resource").build())
                .always();

        assertThatThrownBy(source::collect)
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("kubernetes: read the pod metrics of Deployment shop/web failed: the cluster does not serve"
                        + " the metrics API (metrics.k8s.io): metrics-server is not installed");
    }

    @Test
    void aMissingDeploymentShouldBeNamed() {
        client.apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).delete();

        assertThatThrownBy(source::collect)
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("Deployment \"web\" not found in namespace \"shop\"");
    }

    @Test
    void thePlatformsMetricsSourceShouldReadTheSameDeployment() {
        create(pod("web-1", container("500m", "256Mi")));
        serveMetrics(podMetrics("web-1", usage("100m", "64Mi")));
        KubernetesPlatform platform = new KubernetesPlatform(client, NAMESPACE, DEPLOYMENT, 8080);

        InstanceMetrics metrics = single(platform.metricsSource(new MutableClock(NOW)).collect());

        assertThat(metrics.cpuPercent()).isCloseTo(20.0, within(1e-9));
        assertThat(metrics.memoryPercent()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void shouldBeNamedForTheWindow() {
        assertThat(source.name()).isEqualTo("kubernetes metrics API");
    }

    private void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private void serveMetrics(PodMetrics... pods) {
        server.expect().get().withPath(METRICS_PATH)
                .andReturn(200, new PodMetricsListBuilder().withItems(pods).build())
                .always();
    }

    private static InstanceMetrics single(List<InstanceMetrics> metrics) {
        assertThat(metrics).hasSize(1);
        return metrics.get(0);
    }

    private static InstanceMetrics byId(List<InstanceMetrics> metrics, String id) {
        return metrics.stream().filter(m -> m.instanceId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no metrics for " + id + " in " + metrics));
    }
}
