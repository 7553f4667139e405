package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One node of an n8n workflow. Immutable, provided nobody mutates {@code parameters}.
 *
 * @param name       unique within the workflow; connections refer to nodes by name
 * @param type       the n8n node type, e.g. {@code n8n-nodes-base.httpRequest}
 * @param parameters the node's settings as n8n stores them (an object, possibly empty)
 */
record WorkflowNode(String name, String type, JsonNode parameters) {
}
