package dev.scaledeck.ui.health;

import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** Health: the overall status, big; every check with its latest result and recent history; "Check now". */
public final class HealthView extends VBox {

    private static final String[] STATES = {StatusStyles.GOOD, StatusStyles.DEGRADED, StatusStyles.BAD, StatusStyles.UNKNOWN};

    public HealthView(HealthViewModel vm) {
        setId("health");
        getStyleClass().add("section");

        Label status = new Label();
        status.setId("health-status");
        status.getStyleClass().add("health-status");
        status.textProperty().bind(vm.statusProperty());
        StyleClasses.bind(status, vm.statusStyleProperty());
        Label detail = new Label();
        detail.setId("health-status-detail");
        detail.getStyleClass().add("tile-detail");
        detail.textProperty().bind(vm.statusDetailProperty());
        Label caption = new Label("Application health");
        caption.getStyleClass().add("tile-caption");
        VBox statusBox = new VBox(caption, status, detail);
        HBox.setHgrow(statusBox, Priority.ALWAYS);

        Button checkNow = new Button("Check now");
        checkNow.setId("health-check-now");
        checkNow.disableProperty().bind(vm.canCheckNowProperty().not());
        checkNow.setOnAction(e -> vm.checkNow());
        Label checkStatus = new Label();
        checkStatus.setId("health-check-status");
        checkStatus.getStyleClass().add("action-status");
        checkStatus.textProperty().bind(vm.checkStatusProperty());
        VBox checkBox = new VBox(checkNow, checkStatus);
        checkBox.getStyleClass().add("check-now");

        HBox top = new HBox(statusBox, checkBox);
        top.getStyleClass().add("tile");

        VBox checksCard = Panels.card("Checks", checksTable(vm));
        VBox.setVgrow(checksCard, Priority.ALWAYS);
        getChildren().addAll(Panels.heading("Health", vm.summaryProperty()), top, failoverCard(vm), checksCard);
    }

    /** One block per failover (the database's first, then each HTTP service): shown only when one is configured. */
    private static VBox failoverCard(HealthViewModel vm) {
        VBox blocks = new VBox();
        blocks.getStyleClass().add("failover-blocks");
        vm.failovers().addListener((ListChangeListener<FailoverItem>) change ->
                blocks.getChildren().setAll(vm.failovers().stream().map(HealthView::failoverBlock).toList()));
        blocks.getChildren().setAll(vm.failovers().stream().map(HealthView::failoverBlock).toList());
        VBox card = Panels.card("Failover", blocks);
        card.setId("health-failover");
        card.visibleProperty().bind(vm.failoverVisibleProperty());
        card.managedProperty().bind(vm.failoverVisibleProperty());
        return card;
    }

    /** A failover's name, its headline in its style, its two endpoints and its counters. */
    private static VBox failoverBlock(FailoverItem item) {
        String id = "health-failover-" + item.name();
        Label name = label(id + "-name", "failover-name", item.name());
        Label headline = label(id + "-headline", "failover-headline", item.headline());
        headline.getStyleClass().add(item.style());
        Label primary = label(id + "-primary", "failover-endpoint", item.primary());
        primary.getStyleClass().add(item.primaryStyle());
        Label secondary = label(id + "-secondary", "failover-endpoint", item.secondary());
        secondary.getStyleClass().add(item.secondaryStyle());
        Label counters = label(id + "-counters", "tile-detail", item.counters());
        VBox block = new VBox(name, headline, primary, secondary, counters);
        block.setId(id);
        block.getStyleClass().add("failover-block");
        return block;
    }

    private static Label label(String id, String styleClass, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static TableView<HealthCheckRow> checksTable(HealthViewModel vm) {
        TableView<HealthCheckRow> table = Controls.table("health-checks", vm.checks(), "No check has run yet");
        TableColumn<HealthCheckRow, HealthCheckRow> status = new TableColumn<>("Status");
        status.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        status.setCellFactory(c -> new StatusCell());
        status.setPrefWidth(90);
        TableColumn<HealthCheckRow, HealthCheckRow> history = new TableColumn<>("Last "
                + HealthViewModel.HISTORY_SHOWN + " results (oldest → newest)");
        history.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        history.setCellFactory(c -> new HistoryCell());
        history.setPrefWidth(300);
        table.getColumns().add(column("Check", HealthCheckRow::name, 130, false));
        table.getColumns().add(status);
        table.getColumns().add(column("Took", HealthCheckRow::latency, 80, true));
        table.getColumns().add(column("Last run", HealthCheckRow::lastChecked, 90, true));
        table.getColumns().add(history);
        table.getColumns().add(column("Message", HealthCheckRow::message, 420, false));
        table.getColumns().forEach(c -> c.setSortable(false));
        return table;
    }

    private static TableColumn<HealthCheckRow, String> column(String title, Function<HealthCheckRow, String> value,
                                                              double width, boolean number) {
        TableColumn<HealthCheckRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        if (number) {
            column.getStyleClass().add("number");
        }
        return column;
    }

    private static final class StatusCell extends TableCell<HealthCheckRow, HealthCheckRow> {
        @Override
        protected void updateItem(HealthCheckRow row, boolean empty) {
            super.updateItem(row, empty);
            boolean blank = empty || row == null;
            setText(blank ? null : row.status().name());
            StyleClasses.setOneOf(this, blank ? null : row.statusStyle(), STATES);
        }
    }

    /** One coloured dot per recent result, then the count of UPs. */
    private static final class HistoryCell extends TableCell<HealthCheckRow, HealthCheckRow> {
        private final HBox dots = new HBox();
        private final Label count = new Label();
        private final HBox box = new HBox(dots, count);

        HistoryCell() {
            dots.getStyleClass().add("history-dots");
            count.getStyleClass().add("history-count");
            box.getStyleClass().add("history");
        }

        @Override
        protected void updateItem(HealthCheckRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            dots.getChildren().clear();
            for (String style : row.history()) {
                Region dot = new Region();
                dot.getStyleClass().addAll("history-dot", style);
                dots.getChildren().add(dot);
            }
            count.setText(row.historySummary());
            setGraphic(box);
        }
    }
}
