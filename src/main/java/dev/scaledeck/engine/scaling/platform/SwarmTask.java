package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The few fields of a Swarm task (an entry of {@code GET /tasks}) the platform reads. Immutable.
 *
 * @param id      the task id
 * @param slot    the replica slot (1, 2, ...), 0 when the task has none (global services)
 * @param state   {@code Status.State}: {@code new}, {@code preparing}, {@code starting}, {@code running}, ...
 * @param address the task's IP address on its first network that is not the ingress network,
 *                without the prefix length; empty before the task is attached
 */
record SwarmTask(String id, int slot, String state, Optional<String> address) {

    static SwarmTask from(JsonNode task) {
        return new SwarmTask(task.path("ID").asText(""), task.path("Slot").asInt(0),
                task.path("Status").path("State").asText(""), address(task.path("NetworksAttachments")));
    }

    boolean running() {
        return "running".equals(state);
    }

    /**
     * The ingress network (routing mesh) comes first when the service publishes ports; its
     * address is not where the application is reached, so the first other network wins.
     */
    private static Optional<String> address(JsonNode attachments) {
        JsonNode chosen = null;
        for (JsonNode attachment : attachments) {
            if (!attachment.path("Addresses").path(0).isTextual()) {
                continue;
            }
            if (chosen == null || !isIngress(attachment) && isIngress(chosen)) {
                chosen = attachment;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        String cidr = chosen.path("Addresses").path(0).asText();
        int slash = cidr.indexOf('/');
        return Optional.of(slash >= 0 ? cidr.substring(0, slash) : cidr).filter(a -> !a.isBlank());
    }

    private static boolean isIngress(JsonNode attachment) {
        JsonNode spec = attachment.path("Network").path("Spec");
        return spec.path("Ingress").asBoolean(false) || "ingress".equals(spec.path("Name").asText());
    }

    /** The instance id the balancer shows: {@code web.2} like {@code docker service ps}, else the task id. */
    String instanceId(String service) {
        return slot > 0 ? service + "." + slot : id;
    }
}
