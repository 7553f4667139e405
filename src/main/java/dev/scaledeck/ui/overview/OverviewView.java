package dev.scaledeck.ui.overview;

import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.AlertList;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** Overview: pool tiles, a chart of active connections, active alerts, and the instances table. */
public final class OverviewView extends VBox {

    private static final String[] STATES = {StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.EJECTED,
            StatusStyles.DRAINING, StatusStyles.UNKNOWN};

    public OverviewView(OverviewViewModel vm) {
        setId("overview");
        getStyleClass().add("section");

        HBox tiles = new HBox(
                Panels.tile("overview-active", "Active connections", vm.activeProperty(), vm.activeDetailProperty(), null),
                Panels.tile("overview-idle", "Idle connections", vm.idleProperty(), vm.idleDetailProperty(), null),
                Panels.tile("overview-waiting", "Waiting for a connection", vm.waitingProperty(),
                        vm.waitingDetailProperty(), vm.waitingStyleProperty()),
                Panels.tile("overview-acquire-p99", "Acquire wait p99", vm.acquireWaitP99Property(),
                        vm.acquireWaitDetailProperty(), null));
        tiles.getStyleClass().add("tiles");
        tiles.getChildren().forEach(t -> HBox.setHgrow(t, Priority.ALWAYS));

        LiveChart chart = new LiveChart(vm.trafficChart());
        chart.setId("overview-traffic-chart");
        VBox chartCard = Panels.card(vm.trafficChart().title(), chart);
        VBox alertsCard = Panels.card("Active alerts", new AlertList(vm.alerts(), "No active alerts"));
        alertsCard.setPrefWidth(440);
        alertsCard.setMinWidth(320);
        HBox.setHgrow(chartCard, Priority.ALWAYS);
        HBox middle = new HBox(chartCard, alertsCard);
        middle.getStyleClass().add("row");
        middle.setPrefHeight(330);
        middle.setMinHeight(260);

        VBox instancesCard = Panels.card("Instances", instancesTable(vm));
        VBox.setVgrow(instancesCard, Priority.ALWAYS);
        getChildren().addAll(Panels.heading("Overview", vm.instancesSummaryProperty()),
                tiles, middle, instancesCard);
    }

    private static TableView<InstanceRow> instancesTable(OverviewViewModel vm) {
        TableView<InstanceRow> table = Controls.table("overview-instances", vm.instances(), "No instances configured");
        TableColumn<InstanceRow, InstanceRow> state = new TableColumn<>("State");
        state.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(260);
        state.setSortable(false);
        table.getColumns().add(column("Instance", InstanceRow::id, 130, false));
        table.getColumns().add(column("URL", InstanceRow::url, 240, false));
        table.getColumns().add(state);
        table.getColumns().add(column("Req/s", InstanceRow::requestsPerSecond, 90, true));
        table.getColumns().add(column("p95", InstanceRow::latencyP95, 90, true));
        table.getColumns().add(column("Utilization", InstanceRow::utilization, 100, true));
        return table;
    }

    private static TableColumn<InstanceRow, String> column(String title, Function<InstanceRow, String> value,
                                                           double width, boolean number) {
        TableColumn<InstanceRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        if (number) {
            column.getStyleClass().add("number");
        }
        return column;
    }

    /** The balancer's state in its colour. */
    private static final class StateCell extends TableCell<InstanceRow, InstanceRow> {
        @Override
        protected void updateItem(InstanceRow row, boolean empty) {
            super.updateItem(row, empty);
            boolean blank = empty || row == null;
            setText(blank ? null : row.stateText());
            StyleClasses.setOneOf(this, blank ? null : row.stateStyle(), STATES);
        }
    }
}
