package dev.scaledeck.ui.loadtest;

import dev.scaledeck.ui.chart.LiveChart;
import dev.scaledeck.ui.chart.LiveChartModel;
import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * Load tests: the form with Start and Stop beside the running test's status and live charts
 * (throughput, latency, errors, users or rate); below, the requests per instance and the history
 * of past runs with Open report. The history is read again whenever the section is shown.
 */
public final class LoadTestsView extends VBox {

    private static final String[] RESULT_STYLES = {StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.UNKNOWN};

    public LoadTestsView(LoadTestsViewModel vm) {
        setId("loadtests");
        getStyleClass().add("section");

        VBox formCard = Panels.card("Test", form(vm));
        VBox shares = Panels.card("Requests per instance", instancesTable(vm.charts()));
        VBox left = new VBox(formCard, shares);
        left.getStyleClass().add("loadtest-left");
        VBox.setVgrow(shares, Priority.ALWAYS);
        VBox live = Panels.card("Run: live while it runs, then its outcome", liveCharts(vm));
        HBox.setHgrow(live, Priority.ALWAYS);
        HBox top = new HBox(left, live);
        top.getStyleClass().add("row");

        VBox bottom = Panels.card("Past runs, newest first", historyPanel(vm));

        VBox body = new VBox(top, bottom);
        body.getStyleClass().add("section-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId("loadtests-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("section-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(Panels.heading("Load tests", vm.summaryProperty()), scroll);
        sceneProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.refreshHistory();
            }
        });
    }

    private static VBox form(LoadTestsViewModel vm) {
        LoadTestForm form = vm.form();
        ComboBox<TargetKind> kind = new ComboBox<>(FXCollections.observableArrayList(form.targetKinds()));
        kind.setId("loadtests-target-kind");
        kind.valueProperty().bindBidirectional(form.targetKindProperty());
        kind.setMinWidth(Region.USE_PREF_SIZE);
        TextField target = field("target", "", form.targetTextProperty(), 12);
        target.setMinWidth(80);
        HBox.setHgrow(target, Priority.ALWAYS);
        ComboBox<LoadModel> model = new ComboBox<>(FXCollections.observableArrayList(form.models()));
        model.setId("loadtests-model");
        model.valueProperty().bindBidirectional(form.modelProperty());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("policy-grid");
        ColumnConstraints captions = new ColumnConstraints();
        captions.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(captions, inputs);
        grid.addRow(0, Labels.caption("Target"), row(kind, target));
        grid.addRow(1, Labels.caption("Model"), row(model, Labels.caption("duration"),
                field("duration", "60s", form.durationProperty(), 3)));
        Node[] users = {Labels.caption("Users"), row(field("users", "50", form.usersProperty(), 3),
                Labels.caption("ramp-up"), field("ramp-up", "10s", form.rampUpProperty(), 3),
                Labels.caption("think time"), field("think-time", "0s", form.thinkTimeProperty(), 3))};
        Node[] rate = {Labels.caption("Rate (req/s)"), row(field("rate", "100", form.rateProperty(), 3),
                Labels.caption("ramp to"), field("rate-to", "optional", form.rateToProperty(), 4),
                Labels.caption("connections"), field("connections", "100", form.connectionsProperty(), 3))};
        grid.addRow(2, users);
        grid.addRow(3, rate);
        shownWhen(form.usersModelProperty(), users);
        shownWhen(form.usersModelProperty().not(), rate);
        grid.addRow(4, Labels.caption("Thresholds"), area("thresholds", "p95<500ms, error_rate<1% (one per line or "
                + "comma-separated)", form.thresholdsProperty()));
        TextArea checks = area("checks", "optional, one per line: status==200, body~ok", form.checksProperty());
        checks.setPrefRowCount(1);
        grid.addRow(5, Labels.caption("Checks"), checks);
        CheckBox abort = new CheckBox("Abort when a threshold is clearly lost");
        abort.setId("loadtests-abort");
        abort.selectedProperty().bindBidirectional(form.abortOnFailProperty());
        grid.add(abort, 1, 6);
        grid.disableProperty().bind(vm.runningProperty());

        Button start = Controls.button("loadtests-start", "Start", vm.canStartProperty(), vm::start);
        Button stop = Controls.button("loadtests-stop", "Stop", vm.canStopProperty(), vm::stop);
        HBox buttons = new HBox(start, stop);
        buttons.getStyleClass().add("toolbar");
        VBox box = new VBox(grid, Labels.statusLine("loadtests-form-message", form.messageProperty()), buttons);
        box.getStyleClass().add("policy-editor");
        return box;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(nodes);
        row.getStyleClass().add("toolbar");
        return row;
    }

    private static void shownWhen(ObservableValue<Boolean> shown, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(shown);
            n.managedProperty().bind(shown);
        }
    }

    private static TextField field(String id, String prompt, StringProperty text, int columns) {
        TextField field = Labels.field("loadtests-" + id, prompt, text);
        field.setPrefColumnCount(columns);
        field.setMinWidth(Region.USE_PREF_SIZE);
        return field;
    }

    private static TextArea area(String id, String prompt, StringProperty text) {
        TextArea area = new TextArea();
        area.setId("loadtests-" + id);
        area.setPromptText(prompt);
        area.setPrefRowCount(2);
        area.setPrefColumnCount(16);
        area.setWrapText(true);
        area.textProperty().bindBidirectional(text);
        return area;
    }

    private static VBox liveCharts(LoadTestsViewModel vm) {
        LoadTestCharts charts = vm.charts();
        StackPane load = new StackPane(chart("loadtests-load-chart", charts.load()));
        charts.loadProperty().addListener((obs, old, now) ->
                load.getChildren().setAll(chart("loadtests-load-chart", now)));
        GridPane grid = new GridPane();
        grid.getStyleClass().add("loadtest-charts");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            grid.getColumnConstraints().add(half);
        }
        grid.add(titled(charts.throughput().title() + " (requests/s)", chart("loadtests-throughput-chart",
                charts.throughput())), 0, 0);
        grid.add(titled(charts.latency().title() + " (ms)", chart("loadtests-latency-chart", charts.latency())), 1, 0);
        grid.add(titled(charts.errors().title() + " (per second)", chart("loadtests-errors-chart", charts.errors())),
                0, 1);
        Label loadTitle = new Label();
        loadTitle.getStyleClass().add("metric-name");
        loadTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> charts.load().title(), charts.loadProperty()));
        VBox.setVgrow(load, Priority.ALWAYS);
        grid.add(new VBox(loadTitle, load), 1, 1);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.RowConstraints half = new javafx.scene.layout.RowConstraints();
            half.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(half);
        }
        VBox.setVgrow(grid, Priority.ALWAYS);
        return new VBox(Labels.statusLine("loadtests-status", vm.statusProperty()),
                Labels.shownWhenNotEmpty(Labels.wrapping("loadtests-progress", "overview-line", vm.progressProperty())),
                grid);
    }

    private static VBox titled(String title, Node chart) {
        Label name = new Label(title);
        name.getStyleClass().add("metric-name");
        VBox.setVgrow(chart, Priority.ALWAYS);
        return new VBox(name, chart);
    }

    private static LiveChart chart(String id, LiveChartModel model) {
        LiveChart chart = new LiveChart(model);
        chart.setId(id);
        chart.getStyleClass().add("loadtest-chart");
        return chart;
    }

    private static TableView<InstanceShare> instancesTable(LoadTestCharts charts) {
        TableView<InstanceShare> table = Controls.table("loadtests-instances", charts.shares(),
                "Shown during a cluster run");
        table.getStyleClass().add("loadtest-instances");
        table.getColumns().add(Controls.column("Instance", InstanceShare::instance, null, 130, false));
        table.getColumns().add(Controls.column("Requests", InstanceShare::requests, null, 80, true));
        TableColumn<InstanceShare, InstanceShare> share = new TableColumn<>("Share");
        share.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        share.setCellFactory(c -> new ShareCell());
        share.setPrefWidth(170);
        table.getColumns().add(share);
        table.getColumns().forEach(c -> c.setSortable(false));
        return table;
    }

    /** A bar of the instance's share with the percentage beside it. */
    private static final class ShareCell extends TableCell<InstanceShare, InstanceShare> {
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final HBox box = new HBox(bar, text);

        ShareCell() {
            box.getStyleClass().add("share-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            text.setMinWidth(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(InstanceShare item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            bar.setProgress(item.share());
            text.setText(item.shareText());
            setGraphic(box);
        }
    }

    private static VBox historyPanel(LoadTestsViewModel vm) {
        TableView<ReportRow> table = Controls.table("loadtests-history", vm.history(),
                "No load tests yet: fill in the form and press Start");
        table.getStyleClass().add("loadtest-history");
        Controls.followSelection(table, vm.selectedProperty());
        table.getColumns().add(Controls.column("Started", ReportRow::started, null, 150, false));
        table.getColumns().add(Controls.column("Name", ReportRow::name, null, 150, false));
        table.getColumns().add(Controls.column("Target", ReportRow::target, null, 220, false));
        table.getColumns().add(Controls.column("Requests", ReportRow::requests, null, 75, true));
        table.getColumns().add(Controls.column("Req/s", ReportRow::rps, null, 65, true));
        table.getColumns().add(Controls.column("p99", ReportRow::p99, null, 70, true));
        table.getColumns().add(Controls.column("Errors", ReportRow::errorRate, null, 65, true));
        table.getColumns().add(Controls.column("Result", ReportRow::result, ReportRow::resultStyle, 70, false));
        table.getColumns().add(Controls.column("State", ReportRow::state, null, 120, false));
        table.getColumns().forEach(c -> c.setSortable(false));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button open = Controls.button("loadtests-open-report", "Open report", vm.canOpenReportProperty(),
                vm::openReport);
        Label path = Labels.wrapping("loadtests-report-path", "selection-text", vm.selectionTextProperty());
        HBox actions = row(open, path);
        return new VBox(table, actions, Labels.statusLine("loadtests-history-message", vm.historyMessageProperty()));
    }
}
