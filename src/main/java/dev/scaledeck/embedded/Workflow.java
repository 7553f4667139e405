package dev.scaledeck.embedded;

import java.util.List;

/**
 * A parsed and validated n8n workflow: every edge joins two of its nodes. Immutable.
 *
 * @param name  the workflow's name ("Untitled workflow" when it has none)
 * @param nodes in the order the JSON lists them; names are unique
 * @param edges in the order the JSON lists them
 */
record Workflow(String name, List<WorkflowNode> nodes, List<WorkflowEdge> edges) {

    Workflow {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
