package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * A pod's resource use as a percentage of what it requested, computed as the
 * HorizontalPodAutoscaler's {@code Utilization} target does: the usage of all its containers
 * over the requests of all its containers, times 100. Stateless.
 */
final class PodUtilization {

    static final String CPU = "cpu";
    static final String MEMORY = "memory";

    private PodUtilization() {
    }

    /**
     * Usage over requests of {@code resource} ({@code cpu}, {@code memory}) in percent; NaN when a
     * container requests none of it (the HPA cannot compute utilization then either), when the
     * requests add up to zero, or when the metrics report no usage of it. May exceed 100: a pod
     * may use more than it requested, up to its limit.
     */
    static double percent(Pod pod, PodMetrics metrics, String resource) {
        BigDecimal requested = requested(pod, resource);
        BigDecimal used = used(metrics, resource);
        if (requested == null || used == null || requested.signum() <= 0) {
            return Double.NaN;
        }
        return used.multiply(BigDecimal.valueOf(100)).divide(requested, MathContext.DECIMAL64).doubleValue();
    }

    /** The sum of the containers' requests, null when one of them requests none. */
    private static BigDecimal requested(Pod pod, String resource) {
        List<Container> containers = pod.getSpec() == null ? null : pod.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Container container : containers) {
            ResourceRequirements resources = container.getResources();
            BigDecimal request = amount(resources == null ? null : resources.getRequests(), resource);
            if (request == null) {
                return null;
            }
            sum = sum.add(request);
        }
        return sum;
    }

    /** The sum of the containers' usage, null when none of them reports it. */
    private static BigDecimal used(PodMetrics metrics, String resource) {
        if (metrics.getContainers() == null) {
            return null;
        }
        BigDecimal sum = null;
        for (ContainerMetrics container : metrics.getContainers()) {
            BigDecimal usage = amount(container.getUsage(), resource);
            if (usage != null) {
                sum = sum == null ? usage : sum.add(usage);
            }
        }
        return sum;
    }

    /**
     * A quantity in base units: cores for cpu ({@code 250m} = 0.25, {@code 123456n} =
     * 0.000123456), bytes for memory ({@code 128Mi} = 134217728, {@code 500k} = 500000); null
     * when absent or not a quantity.
     */
    static BigDecimal amount(Map<String, Quantity> quantities, String resource) {
        Quantity quantity = quantities == null ? null : quantities.get(resource);
        if (quantity == null) {
            return null;
        }
        try {
            return quantity.getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }
}
