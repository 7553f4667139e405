package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Converts an n8n workflow (JSON) into TypeScript or JavaScript: parse, validate, order the
 * nodes topologically, generate a function per node and a runner that wires them. The work
 * grows with the workflow, which is what makes the sample service's CPU load real.
 * Thread-safe: one instance may serve every request.
 */
public final class WorkflowConverter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] SAMPLE_TYPES = {
            {"n8n-nodes-base.httpRequest", "HTTP Request"},
            {"n8n-nodes-base.set", "Set Fields"},
            {"n8n-nodes-base.if", "Check Status"},
            {"n8n-nodes-base.code", "Transform"},
            {"n8n-nodes-base.merge", "Merge"},
            {"n8n-nodes-base.slack", "Notify Slack"},
            {"n8n-nodes-base.googleSheets", "Append Row"},
            {"n8n-nodes-base.noOp", "No Operation"},
    };

    private final WorkflowParser parser = new WorkflowParser(JSON);
    private final CodeGenerator generator = new CodeGenerator(JSON);

    /** Converts to TypeScript. */
    public Conversion convert(String workflowJson) {
        return convert(workflowJson, CodeLanguage.TYPESCRIPT);
    }

    /**
     * @throws IllegalArgumentException when the JSON is not a convertible workflow: not JSON,
     *                                  no nodes, a node without name or type, duplicate names,
     *                                  a connection to an unknown node, or a cycle; the
     *                                  message says which
     */
    public Conversion convert(String workflowJson, CodeLanguage language) {
        Workflow workflow = parser.parse(workflowJson);
        List<WorkflowNode> order = TopologicalOrder.of(workflow);
        String code = generator.generate(workflow, order, language);
        List<String> names = new ArrayList<>(order.size());
        order.forEach(n -> names.add(n.name()));
        return new Conversion(workflow.name(), language, code, names);
    }

    /**
     * A valid random n8n workflow: a manual trigger followed by {@code nodes - 1} nodes of
     * common types, each fed by one (sometimes two) of the few nodes before it, so it is
     * always acyclic. The same seed gives the same JSON.
     *
     * @throws IllegalArgumentException when {@code nodes} is not between 1 and the converter's limit
     */
    public static String sampleWorkflow(int nodes, long seed) {
        if (nodes < 1 || nodes > WorkflowParser.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be between 1 and " + WorkflowParser.MAX_NODES
                    + ", but was " + nodes);
        }
        Random random = new Random(seed);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("name", "Sample workflow " + Long.toHexString(seed));
        ArrayNode array = root.putArray("nodes");
        ObjectNode connections = f.objectNode();
        List<String> names = new ArrayList<>(nodes);
        List<String> types = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            String[] type = i == 0 ? new String[] {"n8n-nodes-base.manualTrigger", "Manual Trigger"}
                    : SAMPLE_TYPES[random.nextInt(SAMPLE_TYPES.length)];
            String name = i == 0 ? type[1] : type[1] + " " + i;
            names.add(name);
            types.add(type[0]);
            ObjectNode node = array.addObject();
            node.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
            node.put("name", name);
            node.put("type", type[0]);
            node.put("typeVersion", 1);
            node.set("parameters", SampleParameters.forType(type[0], i, random));
            node.putArray("position").add(250 * i).add(300 + 120 * random.nextInt(3));
            if (i > 0) {
                int source = Math.max(0, i - 1 - random.nextInt(Math.min(i, 4)));
                connect(connections, names.get(source), output(types.get(source), random), name);
                if (i >= 2 && random.nextInt(100) < 15) {
                    int other = random.nextInt(i);
                    if (other != source) {
                        connect(connections, names.get(other), output(types.get(other), random), name);
                    }
                }
            }
        }
        root.set("connections", connections);
        root.put("active", false);
        root.putObject("settings").put("executionOrder", "v1");
        return root.toString();
    }

    private static int output(String type, Random random) {
        return type.endsWith(".if") ? random.nextInt(2) : 0;
    }

    private static void connect(ObjectNode connections, String source, int output, String target) {
        ObjectNode from = connections.has(source) ? (ObjectNode) connections.get(source) : connections.putObject(source);
        ArrayNode outputs = from.has("main") ? (ArrayNode) from.get("main") : from.putArray("main");
        while (outputs.size() <= output) {
            outputs.addArray();
        }
        ((ArrayNode) outputs.get(output)).addObject().put("node", target).put("type", "main").put("index", 0);
    }
}
