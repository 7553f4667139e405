package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code kubernetes} platform: one Deployment, scaled through its scale subresource (as
 * {@code kubectl scale} does), whose pods are the instances. Each pod is reached directly at
 * {@code http://<pod IP>:<port>}, so ScaleDeck must run where pod IPs are routable (in the
 * cluster, or on a network that routes the pod CIDR). Thread-safe: every call reads the API
 * server afresh, and the fabric8 client is thread-safe.
 *
 * <p>The identity it runs as needs {@code get} on {@code deployments}, {@code get} and
 * {@code update} on {@code deployments/scale}, {@code list} on {@code pods}, and, for
 * {@link #metricsSource}, {@code list} on {@code pods.metrics.k8s.io}.
 */
public final class KubernetesPlatform implements ScalingPlatform, AutoCloseable {

    /**
     * The host of a pod that has no IP yet (pending, or not scheduled): under the reserved
     * {@code .invalid} top-level domain (RFC 2606), so it names the pod but can never resolve.
     */
    private static final String NO_IP_HOST_SUFFIX = ".no-pod-ip.invalid";

    private final KubernetesDeployment deployment;
    private final int port;
    private final boolean ownsClient;

    /**
     * A platform on a client the caller owns (and closes).
     *
     * @param namespace  the Deployment's namespace
     * @param deployment the Deployment's name
     * @param port       the container port the pods serve on, 1..65535
     */
    public KubernetesPlatform(KubernetesClient client, String namespace, String deployment, int port) {
        this(new KubernetesDeployment(client, namespace, deployment), port, false);
    }

    private KubernetesPlatform(KubernetesDeployment deployment, int port, boolean ownsClient) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, but was " + port);
        }
        this.deployment = deployment;
        this.port = port;
        this.ownsClient = ownsClient;
    }

    /**
     * A platform on the operator's own kubeconfig ({@code KUBECONFIG}, else {@code ~/.kube/config},
     * else the in-cluster service account). {@link #close()} closes the client it creates. The
     * client does not retry failed requests itself (fabric8 would, up to 10 times): a failure
     * reaches the caller at once, as a {@link PlatformException} that says whether to retry.
     *
     * @param context   the kubeconfig context; empty for the current one
     * @param namespace the Deployment's namespace; empty for the context's namespace, else {@code default}
     * @throws IllegalArgumentException when the kubeconfig cannot be parsed, or {@code context} is
     *                                  not in it
     */
    public static KubernetesPlatform fromKubeconfig(Optional<String> context, Optional<String> namespace,
                                                    String deployment, int port) {
        Config config = kubeconfig(context);
        String ns = namespace.filter(n -> !n.isBlank())
                .orElseGet(() -> Optional.ofNullable(config.getNamespace()).filter(n -> !n.isBlank()).orElse("default"));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            return new KubernetesPlatform(new KubernetesDeployment(client, ns, deployment), port, true);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The pod metrics of this Deployment, read through the same client (which stays this
     * platform's to close).
     */
    public KubernetesMetricsSource metricsSource(Clock clock) {
        return new KubernetesMetricsSource(deployment, clock);
    }

    @Override
    public String name() {
        return KubernetesFailures.PLATFORM;
    }

    /** {@code Deployment <namespace>/<name>}. */
    @Override
    public String target() {
        return deployment.describe();
    }

    /**
     * The pods the Deployment's selector matches, oldest first. A pod is running when its Ready
     * condition is True, it has an IP and it is not being deleted. A pod without an IP yet gets
     * the address {@code http://<pod name>.no-pod-ip.invalid:<port>}, which names it but never
     * resolves.
     *
     * @throws PlatformException when the Deployment does not exist or the API server cannot be read
     */
    @Override
    public List<PlatformInstance> instances() {
        String operation = "list the pods of " + deployment.describe();
        Deployment current = deployment.get(operation);
        return deployment.pods(current, operation).stream()
                .sorted(Comparator.comparing(KubernetesPlatform::createdAt)
                        .thenComparing(p -> p.getMetadata().getName()))
                .map(this::instance)
                .toList();
    }

    @Override
    public boolean discoversInstances() {
        return true;
    }

    /** Desired: {@code spec.replicas}; ready: {@code status.readyReplicas} (0 when absent). */
    @Override
    public ReplicaStatus replicas() {
        Deployment current = deployment.get("read " + deployment.describe());
        Integer desired = current.getSpec() == null ? null : current.getSpec().getReplicas();
        DeploymentStatus status = current.getStatus();
        Integer ready = status == null ? null : status.getReadyReplicas();
        // An absent spec.replicas means 1 to the API server.
        return new ReplicaStatus(desired == null ? 1 : desired, ready == null ? 0 : ready);
    }

    /**
     * Sets the Deployment's replica count through its scale subresource.
     *
     * @throws IllegalArgumentException when {@code replicas} is negative
     * @throws PlatformException        when the Deployment does not exist or the change was refused
     */
    @Override
    public void scaleTo(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, but was " + replicas);
        }
        String operation = "scale " + deployment.describe() + " to " + replicas;
        deployment.call(operation, () -> deployment.resource().scale(replicas));
    }

    /** Closes the client when {@link #fromKubeconfig} created it; a no-op otherwise. Idempotent. */
    @Override
    public void close() {
        if (ownsClient) {
            deployment.client().close();
        }
    }

    private PlatformInstance instance(Pod pod) {
        String name = pod.getMetadata().getName();
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        boolean hasIp = ip != null && !ip.isBlank();
        boolean running = hasIp && ready(pod) && pod.getMetadata().getDeletionTimestamp() == null;
        String host = hasIp ? (ip.contains(":") ? "[" + ip + "]" : ip) : name + NO_IP_HOST_SUFFIX;
        return new PlatformInstance(name, URI.create("http://" + host + ":" + port), running);
    }

    private static Config kubeconfig(Optional<String> context) {
        Config config;
        try {
            config = Config.autoConfigure(context.orElse(null));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("cannot read the kubeconfig " + Config.getKubeconfigFilenames()
                    + ": " + message, e);
        }
        config.setRequestRetryBackoffLimit(0);
        if (context.isPresent()) {
            List<String> known = config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(NamedContext::getName).toList();
            if (!known.contains(context.get())) {
                throw new IllegalArgumentException("kubeconfig context \"" + context.get() + "\" does not exist; "
                        + (known.isEmpty() ? "no kubeconfig with contexts was found" : "known contexts: " + String.join(", ", known)));
            }
        }
        return config;
    }

    /** When the pod was created; pods without a readable timestamp sort last. */
    private static Instant createdAt(Pod pod) {
        try {
            return Instant.parse(pod.getMetadata().getCreationTimestamp());
        } catch (RuntimeException e) {
            return Instant.MAX;
        }
    }

    private static boolean ready(Pod pod) {
        List<PodCondition> conditions = pod.getStatus().getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public String toString() {
        return "KubernetesPlatform[" + deployment.describe() + ", port " + port + "]";
    }
}
