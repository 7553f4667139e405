package dev.scaledeck.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/** View helper: keeps one style class of a node in step with a view-model property. */
public final class StyleClasses {

    private StyleClasses() {
    }

    /** Adds the property's style class to {@code node} and swaps it whenever the property changes. */
    public static void bind(Node node, ObservableValue<String> styleClass) {
        if (styleClass.getValue() != null) {
            node.getStyleClass().add(styleClass.getValue());
        }
        styleClass.addListener((obs, old, now) -> {
            if (old != null) {
                node.getStyleClass().remove(old);
            }
            if (now != null && !node.getStyleClass().contains(now)) {
                node.getStyleClass().add(now);
            }
        });
    }

    /** Sets the one style class among {@code choices} that {@code wanted} names (for reused cells). */
    public static void setOneOf(Node node, String wanted, String... choices) {
        node.getStyleClass().removeAll(choices);
        if (wanted != null) {
            node.getStyleClass().add(wanted);
        }
    }
}
