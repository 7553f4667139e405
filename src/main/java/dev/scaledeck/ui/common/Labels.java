package dev.scaledeck.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** View helpers for the text of forms and status lines: captions, wrapping lines, coloured messages, input fields. */
public final class Labels {

    private static final String[] LINE_STYLES = {StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.UNKNOWN,
            StatusStyles.DEGRADED};

    private Labels() {
    }

    /** A muted caption in front of a value or an input, never narrower than its text. */
    public static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("figure-name");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A label bound to {@code text} that wraps long text onto more lines instead of cutting it off. */
    public static Label wrapping(String id, String styleClass, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        return label;
    }

    /** A line in its style's colour (an input's problem, an action's outcome), shown only when it says something. */
    public static Label statusLine(String id, ObservableValue<StatusLine> line) {
        Label label = wrapping(id, "input-message", Bindings.createStringBinding(() -> line.getValue().text(), line));
        StyleClasses.setOneOf(label, line.getValue().style(), LINE_STYLES);
        line.addListener((obs, old, now) -> StyleClasses.setOneOf(label, now.style(), LINE_STYLES));
        return shownWhenNotEmpty(label);
    }

    /** Takes no room while it says nothing. */
    public static Label shownWhenNotEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A short text field bound both ways to {@code text}. */
    public static TextField field(String id, String prompt, StringProperty text) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(7);
        field.textProperty().bindBidirectional(text);
        return field;
    }

    /**
     * One wrapping label per line, each in its style's colour, rebuilt when the lines change (for a
     * handful of lines that change now and then, not every tick).
     */
    public static VBox lines(String id, ObservableList<StatusLine> lines) {
        VBox box = new VBox();
        box.setId(id);
        box.getStyleClass().add("status-lines");
        Runnable fill = () -> box.getChildren().setAll(lines.stream().map(line -> {
            Label label = new Label(line.text());
            label.getStyleClass().add("status-line");
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            if (line.style() != null) {
                label.getStyleClass().add(line.style());
            }
            return label;
        }).toList());
        lines.addListener((ListChangeListener<StatusLine>) change -> fill.run());
        fill.run();
        return box;
    }
}
