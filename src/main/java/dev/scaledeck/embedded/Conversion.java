package dev.scaledeck.embedded;

import java.util.List;

/**
 * The result of converting one workflow. Immutable.
 *
 * @param workflowName the workflow's name
 * @param language     what {@code code} is written in
 * @param code         the generated source
 * @param order        node names in the order the generated runner calls them
 */
public record Conversion(String workflowName, CodeLanguage language, String code, List<String> order) {

    public Conversion {
        order = List.copyOf(order);
    }

    /** How many nodes the workflow has. */
    public int nodes() {
        return order.size();
    }
}
