package dev.scaledeck.ui.recovery;

import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import dev.scaledeck.ui.common.Panels;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Disaster recovery: a banner when a scenario is detected; the plans with the actions on the
 * selected one next to detection and the mode switch; the steps of the run shown; the history of
 * runs; the business impact. The section scrolls.
 */
public final class RecoveryView extends VBox {

    public RecoveryView(RecoveryViewModel vm) {
        setId("recovery");
        getStyleClass().add("section");

        VBox body = new VBox(Panels.card("Detection", detection(vm.detection())), Panels.card("Plans", plans(vm)),
                Panels.card("Run", new RunProgressView(vm.run())),
                Panels.card("History of runs, newest first", history(vm.history())),
                Panels.card("Business impact", new ImpactView(vm.impact())));
        body.getStyleClass().add("section-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId("recovery-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("section-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(Panels.heading("Disaster recovery", vm.summaryProperty()), alarm(vm), scroll);
    }

    /** The scenario detected now, loud, with "Run plan…" while the mode is ask. */
    private static HBox alarm(RecoveryViewModel vm) {
        Label text = Labels.wrapping("recovery-alarm", "recovery-alarm-text", vm.detection().alarmProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button run = Controls.button("recovery-run-detected", "Run plan…", vm.detection().canRunDetectedProperty(),
                vm::runDetected);
        run.visibleProperty().bind(vm.detection().canRunDetectedProperty());
        run.managedProperty().bind(run.visibleProperty());
        HBox banner = new HBox(text, run);
        banner.getStyleClass().add("recovery-alarm");
        banner.visibleProperty().bind(vm.detection().alarmProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static VBox plans(RecoveryViewModel vm) {
        RunControl control = vm.control();
        Label selection = Labels.wrapping("recovery-selection", "selection-text", control.selectionTextProperty());
        selection.setMinWidth(Region.USE_PREF_SIZE);
        HBox actions = new HBox(selection,
                Controls.button("recovery-dry-run", "Dry-run", control.canDryRunProperty(), control::dryRun),
                Controls.button("recovery-drill", "Drill…", control.canDrillProperty(), control::drill),
                Controls.button("recovery-execute", "Execute…", control.canExecuteProperty(), control::execute),
                new Separator(Orientation.VERTICAL),
                Controls.button("recovery-cancel", "Cancel run", control.canCancelProperty(), control::cancel),
                new Separator(Orientation.VERTICAL),
                Controls.button("recovery-reload", "Reload runbooks", vm.detection().readyProperty(), vm::reloadPlans));
        actions.getStyleClass().add("toolbar");

        TableView<PlanRow> table = Controls.table("recovery-plans", vm.plans(),
                "No plans loaded: put runbooks (*.yaml) in the data directory's runbooks/ folder");
        table.getStyleClass().addAll("recovery-plans", "keeps-state-colours");
        Controls.followSelection(table, vm.selectedPlanProperty());
        table.getColumns().add(Controls.column("Plan", PlanRow::name, null, 170, false));
        table.getColumns().add(Controls.column("Id", PlanRow::id, null, 150, false));
        table.getColumns().add(Controls.column("Signals", PlanRow::signals, null, 200, false));
        table.getColumns().add(Controls.column("RPO", PlanRow::rpo, null, 60, true));
        table.getColumns().add(Controls.column("RTO", PlanRow::rto, null, 60, true));
        table.getColumns().add(Controls.column("Last drill", PlanRow::lastDrill, PlanRow::lastDrillStyle, 300, false));

        VBox problems = Labels.lines("recovery-problems", vm.problems());
        Label problemsCaption = Labels.caption("Runbook files not loaded (fix them and press Reload runbooks)");
        VBox problemBox = new VBox(problemsCaption, problems);
        problemBox.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problemBox.managedProperty().bind(problemBox.visibleProperty());
        return new VBox(actions, parameters(control), Labels.statusLine("recovery-hint", control.hintProperty()),
                Labels.statusLine("recovery-status", control.statusProperty()), table, problemBox);
    }

    /** The selected plan's parameters, one field each, rebuilt when another plan is selected. */
    private static GridPane parameters(RunControl control) {
        GridPane form = new GridPane();
        form.setId("recovery-parameters");
        form.getStyleClass().add("figures");
        Runnable fill = () -> {
            form.getChildren().clear();
            int row = 0;
            for (ParameterInput input : control.parameters()) {
                TextField field = Labels.field("recovery-param-" + input.name(), input.prompt(), input.valueProperty());
                field.setPrefColumnCount(16);
                form.addRow(row++, Labels.caption("Parameter " + input.name()), field);
            }
        };
        control.parameters().addListener((ListChangeListener<ParameterInput>) change -> fill.run());
        fill.run();
        form.visibleProperty().bind(Bindings.isNotEmpty(control.parameters()));
        form.managedProperty().bind(form.visibleProperty());
        return form;
    }

    /** The mode switch and what it means on the left, what is detected now on the right. */
    private static HBox detection(DetectionViewModel detection) {
        CheckBox automatic = new CheckBox("Run detected plans automatically");
        automatic.setId("recovery-automatic");
        automatic.selectedProperty().bindBidirectional(detection.automaticProperty());
        automatic.disableProperty().bind(detection.readyProperty().not());
        VBox mode = new VBox(automatic, Labels.wrapping("recovery-mode", "control-help", detection.modeTextProperty()),
                Labels.statusLine("recovery-mode-message", detection.modeMessageProperty()));
        mode.getStyleClass().add("recovery-mode");
        VBox detected = new VBox(Labels.caption("Detected now"), Labels.lines("recovery-detected", detection.scenarios()));
        HBox.setHgrow(detected, Priority.ALWAYS);
        HBox row = new HBox(mode, detected);
        row.getStyleClass().add("row");
        return row;
    }

    private static TableView<RunRow> history(RunHistoryViewModel history) {
        TableView<RunRow> table = Controls.table("recovery-history", history.rows(),
                "No runs yet: a dry run of a plan is a safe first one");
        table.getStyleClass().add("recovery-history");
        Controls.followSelection(table, history.selectedProperty());
        table.getStyleClass().add("keeps-state-colours");
        table.getColumns().add(Controls.column("Started", RunRow::time, null, 150, false));
        table.getColumns().add(Controls.column("Plan", RunRow::plan, null, 150, false));
        table.getColumns().add(Controls.column("Mode", RunRow::mode, null, 70, false));
        table.getColumns().add(Controls.column("By", RunRow::who, null, 130, false));
        table.getColumns().add(Controls.column("State", RunRow::state, RunRow::stateStyle, 110, false));
        table.getColumns().add(Controls.column("RTO", RunRow::rto, null, 100, false));
        table.getColumns().add(Controls.column("RPO", RunRow::rpo, null, 100, false));
        table.getColumns().add(Controls.column("Summary", RunRow::summary, null, 150, false));
        return table;
    }
}
