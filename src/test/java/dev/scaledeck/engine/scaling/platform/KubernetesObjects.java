package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;

import java.util.HashMap;
import java.util.Map;

/** Deployments, pods and pod metrics as the tests put them on the mock API server. */
final class KubernetesObjects {

    static final String NAMESPACE = "shop";
    static final String DEPLOYMENT = "web";
    static final Map<String, String> SELECTOR = Map.of("app", "web");

    private KubernetesObjects() {
    }

    /** Deployment shop/web selecting {@code app=web}; no status when {@code readyReplicas} is null. */
    static Deployment deployment(int replicas, Integer readyReplicas) {
        DeploymentBuilder builder = new DeploymentBuilder()
                .withNewMetadata().withName(DEPLOYMENT).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(SELECTOR).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(SELECTOR).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("web:1").endContainer().endSpec()
                .endTemplate()
                .endSpec();
        if (readyReplicas != null) {
            builder.withNewStatus().withReplicas(replicas).withReadyReplicas(readyReplicas).endStatus();
        }
        return builder.build();
    }

    /**
     * A pod of one container; {@code ip} null for a pod not scheduled yet, {@code created} null to
     * let the server stamp it.
     */
    static Pod pod(String name, Map<String, String> labels, String ip, boolean ready, String created) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels)
                .withCreationTimestamp(created).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("web:1").endContainer().endSpec()
                .withNewStatus().withPodIP(ip).withPhase(ip == null ? "Pending" : "Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }

    /** A container requesting this cpu and memory (null: no request of it). */
    static Container container(String cpuRequest, String memoryRequest) {
        Map<String, Quantity> requests = new HashMap<>();
        if (cpuRequest != null) {
            requests.put("cpu", new Quantity(cpuRequest));
        }
        if (memoryRequest != null) {
            requests.put("memory", new Quantity(memoryRequest));
        }
        return new ContainerBuilder().withName("app").withImage("web:1")
                .withNewResources().withRequests(requests).endResources().build();
    }

    /** A ready pod of Deployment web with these containers. */
    static Pod pod(String name, Container... containers) {
        return new PodBuilder(pod(name, SELECTOR, "10.1.0.1", true, null))
                .editSpec().withContainers(containers).endSpec()
                .build();
    }

    /** One container's usage as metrics-server reports it. */
    static ContainerMetrics usage(String cpu, String memory) {
        return new ContainerMetricsBuilder().withName("app")
                .addToUsage("cpu", new Quantity(cpu))
                .addToUsage("memory", new Quantity(memory))
                .build();
    }

    /** What metrics-server reports for a pod. */
    static PodMetrics podMetrics(String pod, ContainerMetrics... containers) {
        return new PodMetricsBuilder()
                .withNewMetadata().withName(pod).withNamespace(NAMESPACE).withLabels(SELECTOR).endMetadata()
                .withTimestamp("2026-01-01T00:00:00Z").withContainers(containers)
                .build();
    }
}
