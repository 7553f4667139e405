package dev.scaledeck.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;

import java.util.function.Function;

/** View helpers for the controls sections share: command buttons, tables and tables whose selection a view model holds. */
public final class Controls {

    /** Every style class a {@link #column} cell may take. */
    private static final String[] CELL_STYLES = {StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.UNKNOWN,
            StatusStyles.DEGRADED, StatusStyles.RUNNING, StatusStyles.AWAITING, StatusStyles.PLANNED};

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

    /**
     * A table of {@code items} whose columns share its width (the last one takes what is left),
     * saying {@code placeholder} while it is empty.
     */
    public static <T> TableView<T> table(String id, ObservableList<T> items, String placeholder) {
        TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label(placeholder);
        empty.getStyleClass().add("placeholder");
        table.setPlaceholder(empty);
        return table;
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

    /**
     * A column of one text of each row, coloured by the {@link StatusStyles} class {@code style}
     * names (a null function or a null class: plain), not sortable (rows come in the order that matters).
     *
     * @param number right-aligned, for figures
     */
    public static <R> TableColumn<R, R> column(String title, Function<R, String> text, Function<R, String> style,
                                               double width, boolean number) {
        TableColumn<R, R> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                boolean blank = empty || row == null;
                setText(blank ? null : text.apply(row));
                StyleClasses.setOneOf(this, blank || style == null ? null : style.apply(row), CELL_STYLES);
            }
        });
        column.setPrefWidth(width);
        column.setSortable(false);
        if (number) {
            column.getStyleClass().add("number");
        }
        return column;
    }
}
