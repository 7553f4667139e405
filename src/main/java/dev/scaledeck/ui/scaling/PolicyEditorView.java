package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.PolicyKind;
import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The policy editor's form, three groups side by side: the policy with target tracking's targets,
 * the threshold policy's thresholds per metric, and the guards (bounds, cooldown, stabilization,
 * warm-up); below, what is wrong or what Apply would do, Apply and Reset.
 */
final class PolicyEditorView extends VBox {

    PolicyEditorView(PolicyEditorViewModel vm) {
        getStyleClass().add("policy-editor");
        ComboBox<PolicyKind> kind = new ComboBox<>(FXCollections.observableArrayList(vm.kinds()));
        kind.setId("scaling-policy-kind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(PolicyKind k) {
                return k == null ? "" : k == PolicyKind.THRESHOLD ? "Threshold" : "Target tracking (HPA)";
            }

            @Override
            public PolicyKind fromString(String text) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setMinWidth(Region.USE_PREF_SIZE);

        ObservableValue<Boolean> targetTracking = vm.thresholdPolicyProperty().not();
        GridPane policy = grid();
        policy.addRow(0, Labels.caption("Policy"), kind);
        policy.addRow(1, Labels.caption("Targets"), field("targets", "cpu=70,memory=80", vm.targetsProperty(),
                targetTracking, 12));
        policy.addRow(2, Labels.caption("Tolerance (%)"), field("tolerance", "10", vm.toleranceProperty(),
                targetTracking, 4));

        GridPane thresholds = grid();
        thresholds.addRow(0, Labels.caption("Threshold policy"), Labels.caption("Scale up above"),
                Labels.caption("Scale down below"));
        int row = 1;
        for (Metric m : Metric.values()) {
            String unit = m.unit().isEmpty() ? "" : " (" + m.unit() + ")";
            thresholds.addRow(row++, Labels.caption(m.label() + unit),
                    field("up-" + m.id(), "", vm.upProperty(m), vm.thresholdPolicyProperty(), 5),
                    field("down-" + m.id(), "", vm.downProperty(m), vm.thresholdPolicyProperty(), 5));
        }

        GridPane guards = grid();
        guards.addRow(0, Labels.caption("Instances, min / max"), field("min", "min", vm.minInstancesProperty(), null, 4),
                field("max", "max", vm.maxInstancesProperty(), null, 4));
        guards.addRow(1, Labels.caption("Cooldown"), field("cooldown", "5m", vm.cooldownProperty(), null, 4));
        guards.addRow(2, Labels.caption("Scale-down stabilization"),
                field("stabilization", "5m", vm.downStabilizationProperty(), null, 4));
        guards.addRow(3, Labels.caption("Warm-up"), field("warmup", "30s", vm.warmupProperty(), null, 4));

        HBox grids = new HBox(policy, thresholds, guards);
        grids.getStyleClass().add("policy-grids");
        grids.disableProperty().bind(vm.busyProperty());

        Button apply = Controls.button("scaling-policy-apply", "Apply policy", vm.canApplyProperty(), vm::apply);
        Button reset = Controls.button("scaling-policy-reset", "Reset", vm.canResetProperty(), vm::reset);
        HBox buttons = new HBox(apply, reset);
        buttons.getStyleClass().add("toolbar");
        getChildren().addAll(grids, Labels.statusLine("scaling-policy-message", vm.messageProperty()), buttons,
                Labels.statusLine("scaling-policy-status", vm.statusProperty()));
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("policy-grid");
        return grid;
    }

    /** A field enabled while {@code relevant} holds (always when null). */
    private static TextField field(String id, String prompt, StringProperty text, ObservableValue<Boolean> relevant,
                                   int columns) {
        TextField field = Labels.field("scaling-policy-" + id, prompt, text);
        field.setPrefColumnCount(columns);
        if (relevant != null) {
            field.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> !relevant.getValue(), relevant));
        }
        return field;
    }
}
