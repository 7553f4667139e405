package dev.scaledeck.ui.shell;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/** The content area until the engine runs: what it waits for, the steps so far, or why it failed. */
final class StartupPane extends VBox {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    StartupPane(ShellViewModel vm) {
        setId("startup");
        getStyleClass().add("startup");
        visibleProperty().bind(vm.startupVisibleProperty());
        pseudoClassStateChanged(FAILED, vm.failedProperty().get());
        vm.failedProperty().addListener((obs, was, failed) -> pseudoClassStateChanged(FAILED, failed));

        Label heading = new Label();
        heading.getStyleClass().add("startup-heading");
        heading.textProperty().bind(vm.startupHeadingProperty());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("startup-spinner");
        Label progress = new Label();
        progress.setId("startup-progress");
        progress.getStyleClass().add("startup-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(vm.progressMessageProperty());
        HBox waiting = new HBox(spinner, progress);
        waiting.getStyleClass().add("startup-waiting");
        bindShown(waiting, vm, false);

        VBox steps = new VBox();
        steps.setId("startup-steps");
        steps.getStyleClass().add("startup-steps");
        showSteps(steps, vm.progressSteps());
        vm.progressSteps().addListener((ListChangeListener<String>) change -> showSteps(steps, vm.progressSteps()));

        Label failure = new Label();
        failure.setId("startup-failure");
        failure.getStyleClass().add("startup-failure");
        failure.setWrapText(true);
        failure.textProperty().bind(vm.failureMessageProperty());
        bindShown(failure, vm, true);

        getChildren().addAll(heading, waiting, failure, steps);
        // The details box is built only when a start fails: a text area is among the costliest
        // controls to create, and the first frame should not wait for one it rarely needs.
        if (vm.failedProperty().get()) {
            addDetails(vm);
        } else {
            vm.failedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean failed) {
                    if (failed) {
                        vm.failedProperty().removeListener(this);
                        addDetails(vm);
                    }
                }
            });
        }
    }

    private void addDetails(ShellViewModel vm) {
        Label detailsCaption = new Label("Details");
        detailsCaption.getStyleClass().add("card-title");
        bindShown(detailsCaption, vm, true);
        TextArea details = new TextArea();
        details.setId("startup-failure-details");
        details.getStyleClass().add("mono");
        details.setEditable(false);
        details.setMaxWidth(760);
        details.setPrefRowCount(6);
        details.textProperty().bind(vm.failureDetailsProperty());
        bindShown(details, vm, true);
        getChildren().addAll(detailsCaption, details);
    }

    private static void showSteps(VBox box, List<String> steps) {
        box.getChildren().setAll(steps.stream().map(step -> {
            Label label = new Label(step);
            label.getStyleClass().add("startup-step");
            return label;
        }).toList());
    }

    private static void bindShown(javafx.scene.Node node, ShellViewModel vm, boolean whenFailed) {
        node.visibleProperty().bind(whenFailed ? vm.failedProperty() : vm.failedProperty().not());
        node.managedProperty().bind(node.visibleProperty());
    }
}
