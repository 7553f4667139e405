package dev.scaledeck.engine.scaling.platform;

import dev.scaledeck.engine.scaling.InstanceMetrics;
import dev.scaledeck.engine.scaling.MetricsSource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodMetricOperation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CPU and memory of a Deployment's pods from the Kubernetes metrics API ({@code metrics.k8s.io},
 * served by metrics-server), as a percentage of what each pod requested, the way the
 * HorizontalPodAutoscaler's {@code Utilization} target computes it. Connections and response
 * time are not reported (NaN). Pods the API has no metrics for yet are left out. Thread-safe:
 * every call reads the API server afresh.
 */
public final class KubernetesMetricsSource implements MetricsSource {

    private final KubernetesDeployment deployment;
    private final Clock clock;

    /**
     * A source on a client the caller owns (and closes).
     *
     * @param clock stamps each collection ({@link InstanceMetrics#at()})
     */
    public KubernetesMetricsSource(KubernetesClient client, String namespace, String deployment, Clock clock) {
        this(new KubernetesDeployment(client, namespace, deployment), clock);
    }

    KubernetesMetricsSource(KubernetesDeployment deployment, Clock clock) {
        this.deployment = deployment;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "kubernetes metrics API";
    }

    /**
     * Each pod's CPU and memory use over its requests, in percent; NaN for a resource a container
     * of the pod does not request.
     *
     * @throws PlatformException when the Deployment does not exist, the metrics API is not served
     *                           (metrics-server not installed) or the API server cannot be read
     */
    @Override
    public List<InstanceMetrics> collect() {
        String operation = "read the pod metrics of " + deployment.describe();
        Deployment current = deployment.get(operation);
        Map<String, Pod> pods = deployment.pods(current, operation).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
        if (pods.isEmpty()) {
            return List.of();
        }
        Instant at = clock.instant();
        List<InstanceMetrics> collected = new ArrayList<>();
        for (PodMetrics metrics : podMetrics(operation, current.getSpec().getSelector())) {
            Pod pod = pods.get(metrics.getMetadata().getName());
            if (pod != null) {
                collected.add(new InstanceMetrics(pod.getMetadata().getName(), at,
                        PodUtilization.percent(pod, metrics, PodUtilization.CPU),
                        PodUtilization.percent(pod, metrics, PodUtilization.MEMORY),
                        Double.NaN, Double.NaN));
            }
        }
        return List.copyOf(collected);
    }

    /**
     * The namespace's pod metrics narrowed by the selector's {@code matchLabels} (the metrics API
     * takes labels only); the caller keeps those of the Deployment's own pods.
     */
    private List<PodMetrics> podMetrics(String operation, LabelSelector selector) {
        PodMetricOperation query = deployment.client().top().pods().inNamespace(deployment.namespace());
        Map<String, String> labels = selector.getMatchLabels();
        if (labels != null && !labels.isEmpty()) {
            query = query.withLabels(labels);
        }
        try {
            List<PodMetrics> items = query.metrics().getItems();
            return items == null ? List.of() : items;
        } catch (KubernetesClientException e) {
            if (e.getCode() == KubernetesFailures.NOT_FOUND) {
                throw KubernetesFailures.because(operation, "the cluster does not serve the metrics API (metrics.k8s.io):"
                        + " metrics-server is not installed", e);
            }
            throw KubernetesFailures.of(operation, deployment.apiServer(), e);
        }
    }
}
