package dev.scaledeck.ui.pool;

import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.common.AlertList;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Pool: connection and acquire-wait charts, the pool's figures, and its alerts. */
public final class PoolView extends VBox {

    public PoolView(PoolViewModel vm) {
        setId("pool");
        getStyleClass().add("section");

        LiveChart connections = new LiveChart(vm.connectionsChart());
        connections.setId("pool-connections-chart");
        LiveChart waits = new LiveChart(vm.acquireWaitChart());
        waits.setId("pool-acquire-wait-chart");
        LiveChart rates = new LiveChart(vm.acquireRateChart());
        rates.setId("pool-acquire-rate-chart");
        HBox charts = new HBox(chartCard(vm.connectionsChart().title(), connections),
                chartCard(vm.acquireRateChart().title() + " per second", rates),
                chartCard(vm.acquireWaitChart().title() + " (ms)", waits));
        charts.getStyleClass().add("row");
        VBox.setVgrow(charts, Priority.ALWAYS);

        VBox figures = Panels.card("Figures", figures(vm));
        figures.setMinWidth(420);
        VBox alerts = Panels.card("Pool alerts", new AlertList(vm.alerts(), "No pool alerts"));
        HBox.setHgrow(alerts, Priority.ALWAYS);
        HBox bottom = new HBox(figures, alerts);
        bottom.getStyleClass().add("row");
        bottom.setPrefHeight(270);
        bottom.setMinHeight(250);

        getChildren().addAll(Panels.heading("Connection pool", vm.urlProperty()), charts, bottom);
    }

    private static VBox chartCard(String title, LiveChart chart) {
        VBox card = Panels.card(title, chart);
        HBox.setHgrow(card, Priority.ALWAYS);
        card.setPrefWidth(1);
        return card;
    }

    private static GridPane figures(PoolViewModel vm) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("figures");
        ColumnConstraints names = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().addAll(names, values, names, values);
        int row = 0;
        figure(grid, 0, row, "Min idle", "pool-min", vm.minProperty(), null);
        figure(grid, 2, row++, "Heap", "pool-heap", vm.heapProperty(), null);
        figure(grid, 0, row, "Max", "pool-max", vm.maxProperty(), null);
        figure(grid, 2, row++, "GC pause", "pool-gc-pause", vm.gcPauseProperty(), null);
        figure(grid, 0, row, "Open", "pool-total", vm.totalProperty(), null);
        figure(grid, 2, row++, "Scheduler lag", "pool-scheduler-lag", vm.schedulerLagProperty(), null);
        figure(grid, 0, row, "Busy", "pool-busy", vm.busyProperty(), null);
        figure(grid, 2, row++, "Acquired", "pool-acquired", vm.acquiredProperty(), null);
        figure(grid, 0, row, "Timeouts", "pool-timeouts", vm.timeoutsProperty(), vm.timeoutsStyleProperty());
        figure(grid, 2, row, "Leak warnings", "pool-leak-warnings", vm.leakWarningsProperty(), vm.leakWarningsStyleProperty());
        return grid;
    }

    private static void figure(GridPane grid, int column, int row, String name, String id,
                               ObservableValue<String> value, ObservableValue<String> style) {
        Label label = new Label(name);
        label.getStyleClass().add("figure-name");
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add("figure-value");
        number.textProperty().bind(value);
        if (style != null) {
            StyleClasses.bind(number, style);
        }
        grid.add(label, column, row);
        grid.add(number, column + 1, row);
    }
}
