package dev.scaledeck.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads n8n workflow JSON into a {@link Workflow}, rejecting what cannot be converted with a
 * message that names the node or connection at fault. Thread-safe.
 */
final class WorkflowParser {

    static final int MAX_NODES = 2_000;

    private final ObjectMapper json;

    WorkflowParser(ObjectMapper json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException saying what is wrong with the workflow */
    Workflow parse(String text) {
        JsonNode root = readTree(text);
        if (!root.isObject()) {
            throw new IllegalArgumentException("workflow must be a JSON object, but was " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String name = root.path("name").isTextual() && !root.path("name").asText().isBlank()
                ? root.path("name").asText() : "Untitled workflow";
        List<WorkflowNode> nodes = nodes(root.get("nodes"));
        Set<String> names = new HashSet<>();
        nodes.forEach(n -> names.add(n.name()));
        return new Workflow(name, nodes, edges(root.get("connections"), names));
    }

    private JsonNode readTree(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("workflow is empty; expected n8n workflow JSON");
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("workflow is not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static List<WorkflowNode> nodes(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("workflow has no \"nodes\" array");
        }
        if (array.isEmpty()) {
            throw new IllegalArgumentException("workflow has no nodes; \"nodes\" is empty");
        }
        if (array.size() > MAX_NODES) {
            throw new IllegalArgumentException("workflow has " + array.size() + " nodes; at most " + MAX_NODES
                    + " can be converted");
        }
        List<WorkflowNode> nodes = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = "node #" + (i + 1);
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            String name = text(node, "name", where);
            String type = text(node, "type", "node \"" + name + "\"");
            if (!seen.add(name)) {
                throw new IllegalArgumentException("two nodes are named \"" + name + "\"; node names must be unique");
            }
            JsonNode parameters = node.get("parameters");
            if (parameters != null && !parameters.isObject() && !parameters.isNull()) {
                throw new IllegalArgumentException("node \"" + name + "\": \"parameters\" must be an object");
            }
            nodes.add(new WorkflowNode(name, type,
                    parameters == null || parameters.isNull() ? JsonNodeFactory.instance.objectNode() : parameters));
        }
        return nodes;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static List<WorkflowEdge> edges(JsonNode connections, Set<String> names) {
        List<WorkflowEdge> edges = new ArrayList<>();
        if (connections == null || connections.isNull()) {
            return edges;
        }
        if (!connections.isObject()) {
            throw new IllegalArgumentException("\"connections\" must be an object keyed by node name");
        }
        for (Map.Entry<String, JsonNode> entry : connections.properties()) {
            String source = entry.getKey();
            if (!names.contains(source)) {
                throw new IllegalArgumentException("connections come from \"" + source + "\", which is not a node");
            }
            JsonNode outputs = entry.getValue().path("main");
            if (outputs.isMissingNode() || outputs.isNull()) {
                continue;
            }
            if (!outputs.isArray()) {
                throw new IllegalArgumentException("connections of \"" + source + "\": \"main\" must be an array of outputs");
            }
            for (int output = 0; output < outputs.size(); output++) {
                JsonNode targets = outputs.get(output);
                if (targets.isNull()) {
                    continue;
                }
                if (!targets.isArray()) {
                    throw new IllegalArgumentException("connections of \"" + source + "\", output " + output
                            + ": expected an array of {\"node\": ...}");
                }
                for (JsonNode target : targets) {
                    String targetName = target.path("node").asText("");
                    if (!names.contains(targetName)) {
                        throw new IllegalArgumentException("connection from \"" + source + "\" goes to \"" + targetName
                                + "\", which is not a node");
                    }
                    edges.add(new WorkflowEdge(source, output, targetName));
                }
            }
        }
        return edges;
    }
}
