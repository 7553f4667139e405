package dev.scaledeck.embedded;

/**
 * A connection from one output of a node to a node. Immutable.
 *
 * @param source the node the items come from
 * @param output which of its outputs (an IF node has two: 0 true, 1 false)
 * @param target the node they go to
 */
record WorkflowEdge(String source, int output, String target) {
}
