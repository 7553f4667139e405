package dev.scaledeck.ui.common;

import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A list of alerts: a coloured severity badge, the message, and where and since when. */
public final class AlertList extends ListView<AlertItem> {

    private static final String[] SEVERITIES = {
            StatusStyles.SEVERITY_INFO, StatusStyles.SEVERITY_WARNING, StatusStyles.SEVERITY_CRITICAL};

    public AlertList(ObservableList<AlertItem> items, String emptyText) {
        super(items);
        getStyleClass().add("alert-list");
        setFocusTraversable(false);
        Label placeholder = new Label(emptyText);
        placeholder.getStyleClass().add("placeholder");
        setPlaceholder(placeholder);
        setCellFactory(list -> new AlertCell());
    }

    private static final class AlertCell extends ListCell<AlertItem> {
        private final Label badge = new Label();
        private final Label message = new Label();
        private final Label details = new Label();
        private final HBox row;

        AlertCell() {
            badge.getStyleClass().add("severity-badge");
            badge.setMinWidth(Label.USE_PREF_SIZE);
            message.getStyleClass().add("alert-message");
            message.setWrapText(true);
            details.getStyleClass().add("alert-details");
            VBox text = new VBox(message, details);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            row = new HBox(badge, text);
            row.getStyleClass().add("alert-row");
            row.setMinWidth(0);
            row.setPrefWidth(1);
        }

        @Override
        protected void updateItem(AlertItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            badge.setText(item.badge());
            StyleClasses.setOneOf(badge, item.styleClass(), SEVERITIES);
            message.setText(item.message());
            details.setText(item.details());
            setGraphic(row);
        }
    }
}
