package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One Deployment as the kubernetes platform and metrics source read it: the object itself and
 * the pods its selector matches, with every client failure turned into a
 * {@link PlatformException} that names the Deployment. Immutable and thread-safe (the fabric8
 * client is).
 */
final class KubernetesDeployment {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    KubernetesDeployment(KubernetesClient client, String namespace, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = requireName("namespace", namespace);
        this.name = requireName("deployment", name);
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    /** {@code Deployment shop/web}, as messages name it. */
    String describe() {
        return "Deployment " + namespace + "/" + name;
    }

    /** Why a call on a Deployment that does not exist failed. */
    String notFound() {
        return "Deployment \"" + name + "\" not found in namespace \"" + namespace + "\"";
    }

    /** The API server's URL, for transport failures. */
    String apiServer() {
        return String.valueOf(client.getMasterUrl());
    }

    RollableScalableResource<Deployment> resource() {
        return client.apps().deployments().inNamespace(namespace).withName(name);
    }

    /**
     * The Deployment now.
     *
     * @throws PlatformException naming {@code operation} when it does not exist or cannot be read
     */
    Deployment get(String operation) {
        Deployment deployment = call(operation, () -> resource().get());
        if (deployment == null) {
            throw new PlatformException(KubernetesFailures.PLATFORM, operation, notFound(), false, null);
        }
        return deployment;
    }

    /** The pods the Deployment's selector matches now, in the API server's order. */
    List<Pod> pods(Deployment deployment, String operation) {
        LabelSelector selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        if (selector == null) {
            throw new PlatformException(KubernetesFailures.PLATFORM, operation,
                    describe() + " has no spec.selector, so its pods cannot be found", false, null);
        }
        return call(operation, () -> client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems());
    }

    /** Runs one API call; a 404 becomes {@link #notFound()}, every other failure the server's reason. */
    <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw e.getCode() == KubernetesFailures.NOT_FOUND
                    ? KubernetesFailures.because(operation, notFound(), e)
                    : KubernetesFailures.of(operation, apiServer(), e);
        }
    }

    private static String requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty Kubernetes name, but was "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }
}
