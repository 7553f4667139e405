package dev.scaledeck.ui.balancer;

import dev.scaledeck.engine.balancer.Strategy;
import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import javafx.util.StringConverter;

import java.util.function.Function;

/** Balancer: a panic banner, the instances table with its actions, the strategy, and the request distribution chart. */
public final class BalancerView extends VBox {

    private static final String[] STYLES = {StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.EJECTED,
            StatusStyles.DRAINING, StatusStyles.UNKNOWN, StatusStyles.DEGRADED, StatusStyles.SEVERITY_NONE};

    public BalancerView(BalancerViewModel vm) {
        setId("balancer");
        getStyleClass().add("section");

        Label banner = new Label();
        banner.setId("balancer-panic");
        banner.getStyleClass().add("panic-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(vm.panicTextProperty());
        banner.visibleProperty().bind(vm.panicProperty());
        banner.managedProperty().bind(vm.panicProperty());

        VBox tableCard = Panels.card("Instances", new VBox(actions(vm), instancesTable(vm)));
        VBox.setVgrow(tableCard, Priority.ALWAYS);
        tableCard.setMinHeight(260);

        StackPane chartHolder = new StackPane();
        showChart(chartHolder, vm.distributionChart());
        vm.distributionChartProperty().addListener((obs, old, now) -> showChart(chartHolder, now));
        VBox chartCard = Panels.card("Requests per second, per instance", chartHolder);
        chartCard.setPrefHeight(300);
        chartCard.setMinHeight(240);

        getChildren().addAll(Panels.heading("Load balancer", vm.summaryProperty()), banner, chartCard, tableCard);
    }

    private static void showChart(StackPane holder, LiveChartModel model) {
        LiveChart chart = new LiveChart(model);
        chart.setId("balancer-distribution-chart");
        holder.getChildren().setAll(chart);
    }

    private static VBox actions(BalancerViewModel vm) {
        Label strategyLabel = new Label("Balancing strategy");
        strategyLabel.getStyleClass().add("figure-name");
        ComboBox<Strategy> strategy = new ComboBox<>(FXCollections.observableArrayList(vm.strategies()));
        strategy.setId("balancer-strategy");
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(Strategy s) {
                return BalancerViewModel.strategyName(s);
            }

            @Override
            public Strategy fromString(String text) {
                return null;
            }
        });
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        strategy.disableProperty().bind(vm.readyProperty().not());

        Button eject = Controls.button("balancer-eject", "Eject…", vm.canEjectProperty(), vm::eject);
        Button restore = Controls.button("balancer-restore", "Restore", vm.canRestoreProperty(), vm::restore);
        Button drain = Controls.button("balancer-drain", "Drain…", vm.canDrainProperty(), vm::drain);
        Button stop = Controls.button("balancer-stop", "Stop server…", vm.canStopProperty(), vm::stop);
        Button start = Controls.button("balancer-start", "Start server", vm.canStartProperty(), vm::start);
        Label selection = new Label();
        selection.setId("balancer-selection");
        selection.getStyleClass().add("selection-text");
        selection.textProperty().bind(vm.selectionTextProperty());
        selection.setMinWidth(Label.USE_PREF_SIZE);
        strategy.setMinWidth(Region.USE_PREF_SIZE);
        strategyLabel.setMinWidth(Label.USE_PREF_SIZE);
        HBox strategyRow = new HBox(strategyLabel, strategy);
        strategyRow.getStyleClass().add("toolbar");
        HBox buttons = new HBox(selection, eject, restore, drain, separator(), stop, start);
        buttons.getStyleClass().add("toolbar");

        Label status = new Label();
        status.setId("balancer-action-status");
        status.getStyleClass().add("action-status");
        status.textProperty().bind(Bindings.when(vm.actionStatusProperty().isEmpty())
                .then(vm.platformTextProperty()).otherwise(vm.actionStatusProperty()));
        return new VBox(strategyRow, buttons, status);
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }

    private static TableView<BalancerInstanceRow> instancesTable(BalancerViewModel vm) {
        TableView<BalancerInstanceRow> table = Controls.table("balancer-instances", vm.instances(),
                "No instances in the balancer");
        VBox.setVgrow(table, Priority.ALWAYS);
        Controls.followSelection(table, vm.selectedProperty());
        table.getColumns().add(column("Instance", BalancerInstanceRow::id, 110));
        table.getColumns().add(styled("State", BalancerInstanceRow::stateProperty, BalancerInstanceRow::stateStyleProperty, 210));
        table.getColumns().add(number("Weight", BalancerInstanceRow::weightProperty, 140));
        table.getColumns().add(number("In flight", BalancerInstanceRow::inFlightProperty, 70));
        table.getColumns().add(number("Req/s", BalancerInstanceRow::requestsPerSecondProperty, 70));
        table.getColumns().add(number("Share", BalancerInstanceRow::shareProperty, 60));
        table.getColumns().add(number("p50", BalancerInstanceRow::latencyP50Property, 85));
        table.getColumns().add(number("p99", BalancerInstanceRow::latencyP99Property, 85));
        table.getColumns().add(number("Errors", BalancerInstanceRow::errorsProperty, 60));
        table.getColumns().add(styled("Breaker", BalancerInstanceRow::breakerProperty, BalancerInstanceRow::breakerStyleProperty, 80));
        table.getColumns().add(styled("Server", BalancerInstanceRow::processProperty, BalancerInstanceRow::processStyleProperty, 80));
        table.getColumns().forEach(c -> c.setSortable(false));
        return table;
    }

    private static TableColumn<BalancerInstanceRow, String> column(String title, Function<BalancerInstanceRow, String> value,
                                                                   double width) {
        TableColumn<BalancerInstanceRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<BalancerInstanceRow, String> number(String title,
            Function<BalancerInstanceRow, ObservableValue<String>> value, double width) {
        TableColumn<BalancerInstanceRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        column.setPrefWidth(width);
        column.getStyleClass().add("number");
        return column;
    }

    /** A text in the colour its row's style property names. */
    private static TableColumn<BalancerInstanceRow, String> styled(String title,
            Function<BalancerInstanceRow, ObservableValue<String>> value,
            Function<BalancerInstanceRow, ObservableValue<String>> style, double width) {
        TableColumn<BalancerInstanceRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                int index = getIndex();
                BalancerInstanceRow row = empty || index < 0 || index >= getTableView().getItems().size()
                        ? null : getTableView().getItems().get(index);
                setText(empty ? null : text);
                StyleClasses.setOneOf(this, row == null ? null : style.apply(row).getValue(), STYLES);
            }
        });
        column.setPrefWidth(width);
        return column;
    }
}
