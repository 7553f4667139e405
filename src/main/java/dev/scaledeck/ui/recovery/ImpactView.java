package dev.scaledeck.ui.recovery;

import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The business impact table, with Refresh and "Save report…". */
final class ImpactView extends VBox {

    ImpactView(ImpactViewModel vm) {
        HBox actions = new HBox(
                Controls.button("recovery-impact-refresh", "Refresh", vm.canRefreshProperty(), vm::refresh),
                Controls.button("recovery-impact-save", "Save report…", vm.canSaveProperty(), vm::saveReport));
        actions.getStyleClass().add("toolbar");

        TableView<ImpactRow> table = Controls.table("recovery-impact", vm.rows(), "Not assessed yet");
        table.getStyleClass().add("recovery-impact");
        table.getStyleClass().add("keeps-state-colours");
        Controls.followSelection(table, vm.selectedProperty());
        table.getColumns().add(Controls.column("Plan", ImpactRow::plan, null, 170, false));
        table.getColumns().add(Controls.column("Users", ImpactRow::users, null, 65, true));
        table.getColumns().add(Controls.column("Data at risk / RPO", ImpactRow::dataAtRisk, ImpactRow::dataStyle, 190, false));
        table.getColumns().add(Controls.column("Expected downtime / RTO", ImpactRow::downtime, ImpactRow::downtimeStyle, 175,
                false));
        table.getColumns().add(Controls.column("Cost", ImpactRow::cost, null, 110, true));
        table.getColumns().add(Controls.column("Status", ImpactRow::status, ImpactRow::statusStyle, 100, false));
        table.getColumns().add(Controls.column("Findings", ImpactRow::findings, null, 150, false));
        getChildren().addAll(actions, Labels.statusLine("recovery-impact-status", vm.statusProperty()), table,
                Labels.wrapping("recovery-impact-findings", "status-line", vm.findingsProperty()));
    }
}
