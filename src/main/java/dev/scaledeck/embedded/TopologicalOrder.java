package dev.scaledeck.embedded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders a workflow's nodes so every node comes after the nodes that feed it (Kahn's
 * algorithm); among nodes that are ready together, the one listed first in the JSON goes
 * first, so the order is stable. Stateless; thread-safe.
 */
final class TopologicalOrder {

    private TopologicalOrder() {
    }

    /** @throws IllegalArgumentException naming the nodes of a cycle, when there is one */
    static List<WorkflowNode> of(Workflow workflow) {
        Map<String, Integer> index = new HashMap<>();
        List<WorkflowNode> nodes = workflow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), i);
        }
        int[] incoming = new int[nodes.size()];
        List<List<Integer>> successors = new ArrayList<>(nodes.size());
        nodes.forEach(n -> successors.add(new ArrayList<>()));
        for (WorkflowEdge edge : workflow.edges()) {
            int from = index.get(edge.source());
            int to = index.get(edge.target());
            successors.get(from).add(to);
            incoming[to]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < incoming.length; i++) {
            if (incoming[i] == 0) {
                ready.add(i);
            }
        }
        List<WorkflowNode> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int next = ready.poll();
            order.add(nodes.get(next));
            for (int successor : successors.get(next)) {
                if (--incoming[successor] == 0) {
                    ready.add(successor);
                }
            }
        }
        if (order.size() < nodes.size()) {
            throw new IllegalArgumentException("workflow has a cycle: " + describeCycle(nodes, successors, incoming));
        }
        return order;
    }

    /**
     * Every node left over still waits for another left-over node. Walking back along such
     * predecessors must repeat a node, and the loop walked is a cycle.
     */
    private static String describeCycle(List<WorkflowNode> nodes, List<List<Integer>> successors, int[] incoming) {
        Map<Integer, List<Integer>> predecessors = new HashMap<>();
        for (int from = 0; from < successors.size(); from++) {
            if (incoming[from] == 0) {
                continue;
            }
            for (int to : successors.get(from)) {
                if (incoming[to] > 0) {
                    predecessors.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
                }
            }
        }
        int start = -1;
        for (int i = 0; i < incoming.length && start < 0; i++) {
            if (incoming[i] > 0) {
                start = i;
            }
        }
        Map<Integer, Integer> seenAt = new LinkedHashMap<>();
        Deque<Integer> path = new ArrayDeque<>();
        int current = start;
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.addLast(current);
            current = predecessors.get(current).get(0);
        }
        List<Integer> walk = new ArrayList<>(path);
        List<Integer> cycle = new ArrayList<>(walk.subList(seenAt.get(current), walk.size()));
        Collections.reverse(cycle);
        // Start the report at the node listed first in the JSON, so the message is the same every time.
        Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
        StringBuilder text = new StringBuilder();
        for (int i : cycle) {
            text.append('"').append(nodes.get(i).name()).append("\" -> ");
        }
        return text.append('"').append(nodes.get(cycle.get(0)).name()).append('"').toString();
    }
}
