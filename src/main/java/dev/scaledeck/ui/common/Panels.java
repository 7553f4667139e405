package dev.scaledeck.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** View helpers for the building blocks every section uses: titled cards and number tiles. */
public final class Panels {

    private Panels() {
    }

    /** A titled card around {@code content}, which takes the card's spare height. */
    public static VBox card(String title, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        VBox card = new VBox(heading, content);
        card.getStyleClass().add("card");
        VBox.setVgrow(content, Priority.ALWAYS);
        return card;
    }

    /** A section's heading with a smaller line under it. */
    public static VBox heading(String title, ObservableValue<String> subtitle) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        Label sub = new Label();
        sub.getStyleClass().add("section-subtitle");
        sub.textProperty().bind(subtitle);
        return new VBox(heading, sub);
    }

    /**
     * A big number with a caption above and a detail line below.
     *
     * @param id    the value label's id, for tests
     * @param style the value's style class (may be null)
     */
    public static VBox tile(String id, String caption, ObservableValue<String> value, ObservableValue<String> detail,
                            ObservableValue<String> style) {
        Label name = new Label(caption);
        name.getStyleClass().add("tile-caption");
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add("tile-value");
        number.textProperty().bind(value);
        if (style != null) {
            StyleClasses.bind(number, style);
        }
        Label more = new Label();
        more.getStyleClass().add("tile-detail");
        more.textProperty().bind(detail);
        VBox tile = new VBox(name, number, more);
        tile.getStyleClass().add("tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        return tile;
    }
}
