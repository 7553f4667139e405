package dev.scaledeck.ui.scaling;

import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * Scaling: what the auto-scaler runs on and decides, with the auto-apply switch and "scale to";
 * each metric against its thresholds; replicas over time next to the decision log; the policy
 * editor, below the first screen (the section scrolls).
 */
public final class ScalingView extends VBox {

    private static final String[] ACTION_STYLES = {StatusStyles.SCALING_UP, StatusStyles.SCALING_DOWN,
            StatusStyles.UNKNOWN, StatusStyles.DEGRADED, StatusStyles.GOOD};

    public ScalingView(ScalingViewModel vm) {
        setId("scaling");
        getStyleClass().add("section");

        VBox control = Panels.card("Control", controls(vm));
        control.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(grows(Panels.card("Auto-scaler", overview(vm))), control);
        top.getStyleClass().add("row");

        HBox metrics = new HBox();
        metrics.getStyleClass().add("metric-panels");
        for (MetricPanel panel : vm.metrics()) {
            Node view = metricPanel(panel);
            HBox.setHgrow(view, Priority.ALWAYS);
            metrics.getChildren().add(view);
        }
        VBox metricsCard = Panels.card("Each metric against the policy: fleet averages the auto-scaler decided on",
                metrics);

        LiveChart replicasChart = chart("scaling-replicas-chart", vm.replicasChart(), "replicas-chart");
        replicasChart.setPrefHeight(170);
        VBox replicas = Panels.card("Replicas: current vs desired", new VBox(
                Labels.wrapping("scaling-replicas", "figure-value", vm.replicasTextProperty()), replicasChart));
        CheckBox changesOnly = new CheckBox("Only changes and blocked ones");
        changesOnly.setId("scaling-changes-only");
        changesOnly.selectedProperty().bindBidirectional(vm.log().changesOnlyProperty());
        VBox log = Panels.card("Decision log, newest first", new VBox(changesOnly, decisionTable(vm.log()),
                Labels.wrapping("scaling-selected-reason", "control-help", vm.log().selectedReasonProperty())));
        GridPane middle = new GridPane();
        middle.getStyleClass().add("scaling-middle");
        middle.getColumnConstraints().addAll(percent(35), percent(65));
        middle.addRow(0, replicas, log);
        GridPane.setVgrow(replicas, Priority.ALWAYS);
        GridPane.setVgrow(log, Priority.ALWAYS);

        VBox policy = Panels.card("Policy", new PolicyEditorView(vm.policyEditor()));
        VBox whatIf = Panels.card("What-if replay: the policy in the editor against recorded load", whatIf(vm.whatIf()));

        VBox body = new VBox(top, metricsCard, middle, policy, whatIf);
        body.getStyleClass().add("section-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId("scaling-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("section-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(Panels.heading("Scaling", vm.summaryProperty()), scroll);
    }

    private static ColumnConstraints percent(double width) {
        ColumnConstraints column = new ColumnConstraints();
        column.setPercentWidth(width);
        return column;
    }

    private static <T extends Node> T grows(T node) {
        HBox.setHgrow(node, Priority.ALWAYS);
        return node;
    }

    private static GridPane overview(ScalingViewModel vm) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("figures");
        grid.addRow(0, Labels.caption("Platform"), Labels.wrapping("scaling-platform", "overview-line",
                vm.platformTextProperty()));
        grid.addRow(1, Labels.caption("Policy"), Labels.wrapping("scaling-policy", "overview-line",
                vm.policyTextProperty()));
        Label latest = styled("scaling-latest", "overview-line", vm.latestDecisionProperty());
        grid.addRow(2, Labels.caption("Latest decision"), latest);
        grid.addRow(3, Labels.caption("Last change"), styled("scaling-last-change", "overview-line",
                vm.lastChangeProperty()));
        grid.getChildren().stream().filter(n -> n instanceof Label l && l.isWrapText())
                .forEach(n -> GridPane.setHgrow(n, Priority.ALWAYS));
        return grid;
    }

    private static VBox controls(ScalingViewModel vm) {
        CheckBox autoApply = new CheckBox("Auto-apply decisions (off: only recommend)");
        autoApply.setId("scaling-auto-apply");
        autoApply.selectedProperty().bindBidirectional(vm.autoApplyProperty());
        autoApply.disableProperty().bind(vm.canSwitchModeProperty().not());
        TextField count = Labels.field("scaling-scale-to-count", "replicas", vm.scaleToTextProperty());
        count.setPrefColumnCount(5);
        Button scale = Controls.button("scaling-scale-to", "Scale to…", vm.canScaleToProperty(), vm::scaleTo);
        count.setOnAction(e -> vm.scaleTo());
        HBox scaleRow = new HBox(Labels.caption("Replicas"), count, scale);
        scaleRow.getStyleClass().add("toolbar");
        Label help = new Label("Scaling by hand ignores the instance bounds, not the database's connection budget;"
                + " the cooldown starts.");
        help.getStyleClass().add("control-help");
        help.setWrapText(true);
        VBox box = new VBox(autoApply, Labels.wrapping("scaling-mode", "control-help", vm.modeTextProperty()), scaleRow,
                Labels.statusLine("scaling-scale-to-message", vm.scaleToMessageProperty()),
                Labels.statusLine("scaling-action-status", vm.actionStatusProperty()), help, traffic(vm.traffic()));
        box.getStyleClass().add("scaling-controls");
        return box;
    }

    /** The embedded environment's background traffic; absent for real instances. */
    private static VBox traffic(TrafficDialViewModel traffic) {
        TextField rate = Labels.field("scaling-traffic-rate", "requests/s", traffic.rateTextProperty());
        rate.setPrefColumnCount(5);
        Button set = Controls.button("scaling-traffic-set", "Set", traffic.canSetProperty(), traffic::set);
        rate.setOnAction(e -> traffic.set());
        HBox row = new HBox(Labels.caption("Sample traffic"), rate, Labels.caption("req/s"), set);
        row.getStyleClass().add("toolbar");
        VBox box = new VBox(row, Labels.wrapping("scaling-traffic-current", "control-help", traffic.currentProperty()),
                Labels.statusLine("scaling-traffic-message", traffic.messageProperty()),
                Labels.wrapping("scaling-traffic-hint", "control-help", traffic.hintProperty()));
        box.getStyleClass().add("scaling-traffic");
        box.visibleProperty().bind(traffic.availableProperty());
        box.managedProperty().bind(traffic.availableProperty());
        return box;
    }

    private static VBox whatIf(WhatIfViewModel whatIf) {
        TextField path = Labels.field("scaling-whatif-file", "CSV file (blank: the auto-scaler's recent evaluations)",
                whatIf.csvPathProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = Controls.button("scaling-whatif-browse", "Browse…", whatIf.canRunProperty(), () -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Metrics series to replay");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv"));
            java.io.File file = chooser.showOpenDialog(path.getScene().getWindow());
            if (file != null) {
                whatIf.csvPathProperty().set(file.getPath());
            }
        });
        Button run = Controls.button("scaling-whatif-run", "Replay", whatIf.canRunProperty(), whatIf::run);
        HBox row = new HBox(path, browse, run);
        row.getStyleClass().add("toolbar");
        StackPane holder = new StackPane();
        showChart(holder, "scaling-whatif-chart", whatIf.chartProperty().get());
        whatIf.chartProperty().addListener((obs, old, now) -> showChart(holder, "scaling-whatif-chart", now));
        holder.setPrefHeight(170);
        Label help = new Label("CSV columns: time (seconds from start, or ISO times) and any of cpu, memory, "
                + "connections, response-time, replicas; a load test's timeline works too. CPU and connections are "
                + "spread over the simulated instances; memory and response time are replayed as recorded.");
        help.getStyleClass().add("control-help");
        help.setWrapText(true);
        return new VBox(row, Labels.statusLine("scaling-whatif-result", whatIf.resultProperty()), holder, help);
    }

    private static Node metricPanel(MetricPanel panel) {
        String id = "scaling-metric-" + panel.metric().id();
        Label name = new Label(panel.metric().label());
        name.getStyleClass().add("metric-name");
        Label value = Labels.wrapping(id + "-value", "metric-value", panel.valueProperty());
        HBox head = new HBox(name, value);
        head.getStyleClass().add("metric-head");
        StackPane holder = new StackPane();
        showChart(holder, id + "-chart", panel.chart());
        panel.chartProperty().addListener((obs, old, now) -> showChart(holder, id + "-chart", now));
        holder.getStyleClass().add("metric-chart");
        VBox.setVgrow(holder, Priority.ALWAYS);
        Label up = Labels.wrapping(id + "-up", "metric-up", panel.upLineProperty());
        Label down = Labels.shownWhenNotEmpty(Labels.wrapping(id + "-down", "metric-down", panel.downLineProperty()));
        HBox lines = new HBox(up, down);
        lines.getStyleClass().add("metric-lines");
        VBox box = new VBox(head, lines, styled(id + "-verdict", "metric-verdict", panel.verdictProperty()), holder);
        box.getStyleClass().add("metric-panel");
        return box;
    }

    private static void showChart(StackPane holder, String id, LiveChartModel model) {
        holder.getChildren().setAll(chart(id, model, null));
    }

    private static LiveChart chart(String id, LiveChartModel model, String styleClass) {
        LiveChart chart = new LiveChart(model);
        chart.setId(id);
        if (styleClass != null) {
            chart.getStyleClass().add(styleClass);
        }
        return chart;
    }

    /** A label showing a status line's text in its colour. */
    private static Label styled(String id, String styleClass, ObservableValue<StatusLine> line) {
        Label label = Labels.wrapping(id, styleClass, Bindings.createStringBinding(() -> line.getValue().text(), line));
        StyleClasses.setOneOf(label, line.getValue().style(), ACTION_STYLES);
        line.addListener((obs, old, now) -> StyleClasses.setOneOf(label, now.style(), ACTION_STYLES));
        return label;
    }

    private static TableView<DecisionRow> decisionTable(DecisionLog log) {
        TableView<DecisionRow> table = Controls.table("scaling-decisions", log.shown(),
                "No decision yet: the auto-scaler decides once per interval");
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setPrefHeight(170);
        Controls.followSelection(table, log.selectedProperty());
        table.getColumns().add(column("Time", DecisionRow::time, null, 84));
        table.getColumns().add(column("Replicas", DecisionRow::change, null, 72));
        table.getColumns().add(column("Action", DecisionRow::action, DecisionRow::actionStyle, 96));
        table.getColumns().add(column("Outcome", DecisionRow::outcome, null, 100));
        table.getColumns().add(reasonColumn());
        table.getColumns().forEach(c -> c.setSortable(false));
        return table;
    }

    private static TableColumn<DecisionRow, String> column(String title, Function<DecisionRow, String> text,
                                                           Function<DecisionRow, String> style, double width) {
        TableColumn<DecisionRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                int index = getIndex();
                DecisionRow row = empty || index < 0 || index >= getTableView().getItems().size()
                        ? null : getTableView().getItems().get(index);
                setText(empty ? null : value);
                StyleClasses.setOneOf(this, row == null || style == null ? null : style.apply(row), ACTION_STYLES);
            }
        });
        column.setPrefWidth(width);
        column.setMinWidth(width);
        return column;
    }

    /** The reason on one line; the whole of it in a tooltip, and under the table when the row is selected. */
    private static TableColumn<DecisionRow, String> reasonColumn() {
        TableColumn<DecisionRow, String> column = new TableColumn<>("Reason");
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().reason()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            {
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(600);
            }

            @Override
            protected void updateItem(String reason, boolean empty) {
                super.updateItem(reason, empty);
                setText(empty ? null : reason);
                tooltip.setText(reason);
                setTooltip(empty ? null : tooltip);
            }
        });
        column.setPrefWidth(420);
        return column;
    }
}
