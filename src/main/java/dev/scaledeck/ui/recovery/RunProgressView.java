package dev.scaledeck.ui.recovery;

import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The run shown: its title and outcome, a drill's RTO and RPO against the targets in large type,
 * each step with its state, and the selected step's output.
 */
final class RunProgressView extends VBox {

    RunProgressView(RunProgressViewModel vm) {
        getStyleClass().add("recovery-run");
        Label title = Labels.wrapping("recovery-run-title", "figure-value", vm.titleProperty());
        Label outcome = Labels.statusLine("recovery-run-outcome", vm.outcomeProperty());
        outcome.getStyleClass().add("recovery-outcome");

        Label rto = Labels.statusLine("recovery-rto", vm.rtoProperty());
        Label rpo = Labels.statusLine("recovery-rpo", vm.rpoProperty());
        rto.getStyleClass().add("recovery-measurement");
        rpo.getStyleClass().add("recovery-measurement");
        HBox measured = new HBox(rto, rpo);
        measured.getStyleClass().add("recovery-measurements");
        VBox drill = new VBox(measured, Labels.shownWhenNotEmpty(
                Labels.wrapping("recovery-rpo-basis", "control-help", vm.rpoBasisProperty())));
        drill.visibleProperty().bind(vm.drillProperty());
        drill.managedProperty().bind(drill.visibleProperty());

        TableView<StepRow> steps = Controls.table("recovery-steps", vm.steps(), RunProgressViewModel.NOTHING_SHOWN);
        steps.getStyleClass().addAll("recovery-steps", "keeps-state-colours");
        Controls.followSelection(steps, vm.selectedStepProperty());
        steps.getColumns().add(Controls.column("#", StepRow::index, null, 34, true));
        steps.getColumns().add(Controls.column("Step", StepRow::name, null, 190, false));
        steps.getColumns().add(Controls.column("Type", StepRow::type, null, 115, false));
        steps.getColumns().add(Controls.column("State", StepRow::state, StepRow::stateStyle, 125, false));
        steps.getColumns().add(Controls.column("Duration", StepRow::duration, null, 70, true));
        steps.getColumns().add(Controls.column("Attempts", StepRow::attempts, null, 80, true));

        ListView<String> output = new ListView<>(vm.output());
        output.setId("recovery-output");
        output.getStyleClass().addAll("recovery-output", "mono");
        output.setCellFactory(list -> new WrappingCell(list));
        VBox.setVgrow(output, Priority.ALWAYS);
        VBox outputBox = new VBox(Labels.wrapping("recovery-step-text", "control-help", vm.stepTextProperty()), output);
        outputBox.getStyleClass().add("recovery-output-box");

        GridPane split = new GridPane();
        split.getStyleClass().add("recovery-split");
        split.getColumnConstraints().addAll(percent(64), percent(36));
        split.addRow(0, steps, outputBox);
        GridPane.setVgrow(steps, Priority.ALWAYS);
        GridPane.setVgrow(outputBox, Priority.ALWAYS);
        getChildren().addAll(title, outcome, drill, split);
    }

    private static ColumnConstraints percent(double width) {
        ColumnConstraints column = new ColumnConstraints();
        column.setPercentWidth(width);
        return column;
    }

    /** An output line that wraps at the list's width instead of running off its right edge. */
    private static final class WrappingCell extends ListCell<String> {
        WrappingCell(ListView<String> list) {
            setWrapText(true);
            prefWidthProperty().bind(list.widthProperty().subtract(24));
            setMaxWidth(Control.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            setText(empty ? null : line);
        }
    }
}
