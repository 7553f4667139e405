package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Random;

/** Plausible n8n node parameters for {@link WorkflowConverter#sampleWorkflow}. Stateless; thread-safe. */
final class SampleParameters {

    private static final String[] RESOURCES = {"orders", "customers", "invoices", "tickets", "products"};
    private static final String[] STATUSES = {"active", "pending", "closed"};

    private SampleParameters() {
    }

    static ObjectNode forType(String type, int index, Random random) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        String resource = RESOURCES[random.nextInt(RESOURCES.length)];
        switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "httpRequest":
                p.put("method", random.nextInt(4) == 0 ? "POST" : "GET");
                p.put("url", "https://api.example.com/v1/" + resource + "/" + index);
                p.put("responseFormat", "json");
                break;
            case "set":
                ArrayNode assignments = p.putArray("assignments");
                assignments.addObject().put("name", resource + "Seen").put("value", true);
                assignments.addObject().put("name", "step").put("value", index);
                break;
            case "if":
                p.put("field", "status");
                p.put("value", STATUSES[random.nextInt(STATUSES.length)]);
                break;
            case "code":
                p.put("jsCode", "return items.map(item => ({ ...item, " + resource + ": (item." + resource
                        + " ?? 0) + " + (index % 7 + 1) + " }));");
                break;
            case "slack":
                p.put("channel", "#" + resource);
                p.put("text", "Workflow step " + index + " finished");
                break;
            case "googleSheets":
                p.put("operation", "append");
                p.put("sheetName", resource);
                break;
            default:
                break;
        }
        return p;
    }
}
