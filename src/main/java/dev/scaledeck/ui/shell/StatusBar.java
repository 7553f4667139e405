package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: engine state, database, instances, alerts, and the engine's message. */
final class StatusBar extends HBox {

    StatusBar(ShellViewModel vm) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        Label message = new Label();
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(vm.statusMessageProperty());
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        withTooltip(message, vm.statusMessageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        StatusBarViewModel live = vm.statusBar();
        getChildren().addAll(
                item("engine-state", "Engine", vm.stateTextProperty(), vm.stateStyleProperty()),
                withTooltip(item("database-status", "Database", live.databaseTextProperty(), live.databaseStyleProperty()),
                        live.databaseUrlProperty()),
                item("instances-status", "Instances", live.instancesTextProperty(), live.instancesStyleProperty()),
                item("alerts-status", "Alerts", live.alertsTextProperty(), live.alertsStyleProperty()),
                message);
    }

    /**
     * Installs the tooltip when the pointer first comes near: tooltips are costly to create,
     * and the first frame should not wait for ones nobody has asked to see yet.
     */
    private static <N extends Node> N withTooltip(N node, ObservableValue<String> text) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent event) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(text);
                Tooltip.install(node, tip);
            }
        });
        return node;
    }

    private static HBox item(String id, String caption, ObservableValue<String> text, ObservableValue<String> style) {
        Label name = new Label(caption);
        name.getStyleClass().add("status-caption");
        Region dot = new Region();
        dot.getStyleClass().add("status-dot");
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("status-value");
        value.setGraphic(dot);
        value.textProperty().bind(text);
        StyleClasses.bind(value, style);
        HBox box = new HBox(name, value);
        box.getStyleClass().add("status-item");
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }
}
