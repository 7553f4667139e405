package dev.scaledeck.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;

/** View helpers for the controls sections share: command buttons and tables whose selection a view model holds. */
public final class Controls {

    private Controls() {
    }

    /** A button that runs {@code action}, enabled while {@code enabled} is true, never narrower than its text. */
    public static Button button(String id, String text, ObservableValue<Boolean> enabled, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(Bindings.createBooleanBinding(() -> !enabled.getValue(), enabled));
        button.setOnAction(e -> action.run());
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** Keeps the table's selected row and the view model's {@code selected} the same, whichever changes. */
    public static <T> void followSelection(TableView<T> table, Property<T> selected) {
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> selected.setValue(now));
        selected.addListener((obs, old, now) -> {
            if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
    }
}
