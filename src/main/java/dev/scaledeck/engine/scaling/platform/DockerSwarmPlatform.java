package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code docker-swarm} platform: one replicated Swarm service, scaled as
 * {@code docker service scale} does it (read the service, change only
 * {@code Spec.Mode.Replicated.Replicas}, update at the version read). Its running tasks are the
 * instances, reached at their overlay-network address and a fixed port. Stateless and
 * thread-safe; every call is one or two round trips to the daemon, which must be a swarm manager.
 */
public final class DockerSwarmPlatform implements ScalingPlatform {

    /** The port the application listens on inside each task, unless the constructor names one. */
    public static final int DEFAULT_PORT = 8080;
    private static final String NAME = "docker-swarm";
    private static final Logger LOG = LoggerFactory.getLogger(DockerSwarmPlatform.class);
    /** Docker's own rule for service names; an id (hex) matches it too. */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    /** Floats (UpdateConfig.MaxFailureRatio) go back to Docker exactly as they came. */
    private static final ObjectMapper JSON = ExactJson.MAPPER;

    private final DockerEngineClient client;
    private final String service;
    private final int port;

    /** A platform for {@code service} whose tasks listen on port {@value #DEFAULT_PORT}. */
    public DockerSwarmPlatform(DockerEngineClient client, String service) {
        this(client, service, DEFAULT_PORT);
    }

    /**
     * @param service the service name (or id), as {@code docker service ls} shows it
     * @param port    the port the application listens on inside each task (1..65535)
     * @throws IllegalArgumentException naming the bad service name or port
     */
    public DockerSwarmPlatform(DockerEngineClient client, String service, int port) {
        if (service == null || !SERVICE_NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("Swarm service name '" + service + "' is not valid: it must start with"
                    + " a letter or digit and hold only letters, digits, '_', '.' and '-'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port of service " + service
                    + " must be between 1 and 65535, but was " + port);
        }
        this.client = client;
        this.service = service;
        this.port = port;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return "service " + service;
    }

    /**
     * Tasks that should be running (desired state {@code running}), in slot order; {@code running}
     * is true once Docker reports the task running. Tasks not attached to a network yet have no
     * address and are left out.
     */
    @Override
    public List<PlatformInstance> instances() {
        List<SwarmTask> tasks = new ArrayList<>(tasks("list tasks of service " + service));
        tasks.sort(Comparator.comparingInt(SwarmTask::slot).thenComparing(SwarmTask::id));
        List<PlatformInstance> instances = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SwarmTask task : tasks) {
            if (task.address().isEmpty()) {
                LOG.debug("Task {} of service {} has no network address yet; left out", task.id(), service);
                continue;
            }
            String id = ids.add(task.instanceId(service)) ? task.instanceId(service) : task.id();
            instances.add(new PlatformInstance(id, url(task.address().get()), task.running()));
        }
        return List.copyOf(instances);
    }

    /** True: the balancer learns the tasks' addresses from {@link #instances()}. */
    @Override
    public boolean discoversInstances() {
        return true;
    }

    private URI url(String address) {
        return URI.create("http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port);
    }

    /** Desired: the service's replica count; ready: its tasks Docker reports running. */
    @Override
    public ReplicaStatus replicas() {
        String operation = "read replicas of service " + service;
        // A replicated service without a count runs one task: the daemon's default.
        int desired = replicatedMode(specOf(service(operation), operation), operation).path("Replicas").asInt(1);
        long ready = tasks(operation).stream().filter(SwarmTask::running).count();
        return new ReplicaStatus(desired, (int) ready);
    }

    /**
     * Updates the service with its whole current spec, only the replica count changed, at the
     * version just read; a concurrent update makes Docker refuse with a retryable conflict.
     */
    @Override
    public void scaleTo(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, but was " + replicas);
        }
        String operation = "scale service " + service + " to " + replicas;
        JsonNode current = service(operation);
        ObjectNode spec = specOf(current, operation);
        replicatedMode(spec, operation).put("Replicas", replicas);
        String id = current.path("ID").asText(service);
        long version = current.path("Version").path("Index").asLong(-1);
        if (version < 0) {
            throw new PlatformException(NAME, operation, "the daemon's answer has no Version.Index", false, null);
        }
        JsonNode answer = call(operation, () -> client.post("/services/" + encode(id) + "/update?version=" + version,
                JSON.writeValueAsString(spec)));
        answer.path("Warnings").forEach(w -> LOG.warn("Docker, on scaling service {}: {}", service, w.asText()));
    }

    private JsonNode service(String operation) {
        return call(operation, () -> client.get("/services/" + service));
    }

    private ObjectNode specOf(JsonNode serviceJson, String operation) {
        JsonNode spec = serviceJson.path("Spec");
        if (!spec.isObject()) {
            throw new PlatformException(NAME, operation, "the daemon's answer has no Spec", false, null);
        }
        return (ObjectNode) spec;
    }

    /** {@code Spec.Mode.Replicated}, or a refusal that says which mode the service runs in instead. */
    private ObjectNode replicatedMode(ObjectNode spec, String operation) {
        JsonNode mode = spec.path("Mode");
        if (mode.path("Replicated").isObject()) {
            return (ObjectNode) mode.path("Replicated");
        }
        String reason;
        if (mode.has("Global")) {
            reason = "service " + service + " runs in global mode (one task on every node);"
                    + " global services cannot be scaled";
        } else if (mode.size() > 0) {
            reason = "service " + service + " runs in mode " + mode.fieldNames().next()
                    + "; only replicated services can be scaled";
        } else {
            reason = "the daemon's answer has no Spec.Mode";
        }
        throw new PlatformException(NAME, operation, reason, false, null);
    }

    private List<SwarmTask> tasks(String operation) {
        String filters = "{\"service\":[\"" + service + "\"],\"desired-state\":[\"running\"]}";
        JsonNode tasks = call(operation, () -> client.get("/tasks?filters=" + encode(filters)));
        List<SwarmTask> result = new ArrayList<>();
        tasks.forEach(t -> result.add(SwarmTask.from(t)));
        return result;
    }

    private JsonNode call(String operation, DockerCall call) {
        DockerResponse response;
        try {
            response = call.send();
        } catch (DockerUnreachableException | SocketTimeoutException e) {
            throw new PlatformException(NAME, operation, e.getMessage(), true, e);
        } catch (IOException e) {
            throw new PlatformException(NAME, operation, "the Docker daemon at " + client.host() + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), true, e);
        }
        if (!response.successful()) {
            throw refused(operation, response);
        }
        try {
            return JSON.readTree(response.body().isBlank() ? "{}" : response.body());
        } catch (JsonProcessingException e) {
            throw new PlatformException(NAME, operation, "the Docker daemon at " + client.host()
                    + " answered with something that is not JSON: " + e.getOriginalMessage(), false, e);
        }
    }

    private PlatformException refused(String operation, DockerResponse response) {
        int status = response.status();
        String message = response.errorMessage();
        if (status == 404) {
            return new PlatformException(NAME, operation, "service " + service + " not found", false, null);
        }
        // A manager that is not the leader or a cluster without quorum recovers; a node outside
        // the swarm, a bad request or a refused permission do not.
        boolean retryable = status == 409 || status == 429 || message.contains("update out of sequence")
                || status >= 500 && !message.contains("not a swarm manager");
        return new PlatformException(NAME, operation, message + " (HTTP " + status + ")", retryable, null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One request to the daemon. */
    @FunctionalInterface
    private interface DockerCall {
        DockerResponse send() throws IOException;
    }
}
