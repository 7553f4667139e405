package dev.scaledeck.ui.shell;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.Map;

/**
 * The window: navigation on the left, the selected section (or the start-up panel) in the
 * middle, the status bar at the bottom. Section views are built when first shown.
 */
public final class ShellView extends BorderPane {

    private final Map<Section<?>, Node> views = new HashMap<>();
    private final BorderPane sectionHost = new BorderPane();

    public ShellView(ShellViewModel vm) {
        getStyleClass().add("shell");
        sectionHost.setId("section-host");
        sectionHost.getStyleClass().add("section-host");
        sectionHost.visibleProperty().bind(vm.startupVisibleProperty().not());
        show(vm.selectedSectionProperty().get());
        vm.selectedSectionProperty().addListener((obs, old, now) -> show(now));

        setLeft(navigation(vm));
        setCenter(new StackPane(sectionHost, new StartupPane(vm)));
        setBottom(new StatusBar(vm));
    }

    private Node navigation(ShellViewModel vm) {
        Label brand = new Label("ScaleDeck");
        brand.getStyleClass().add("brand");
        ListView<Section<?>> list = new ListView<>(FXCollections.observableArrayList(vm.sections()));
        list.setId("navigation");
        list.getSelectionModel().select(vm.selectedSectionProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.selectedSectionProperty().set(now);
            }
        });
        vm.selectedSectionProperty().addListener((obs, old, now) -> list.getSelectionModel().select(now));
        Label runsOnCaption = new Label("Runs on");
        runsOnCaption.getStyleClass().add("nav-caption");
        Label runsOn = new Label();
        runsOn.setId("engine-description");
        runsOn.getStyleClass().add("nav-description");
        runsOn.setWrapText(true);
        runsOn.textProperty().bind(vm.descriptionProperty());
        VBox footer = new VBox(runsOnCaption, runsOn);
        footer.getStyleClass().add("nav-footer");
        footer.visibleProperty().bind(vm.descriptionProperty().isNotEmpty());
        VBox nav = new VBox(brand, list, footer);
        nav.getStyleClass().add("navigation");
        VBox.setVgrow(list, Priority.ALWAYS);
        return nav;
    }

    private void show(Section<?> section) {
        if (section != null) {
            sectionHost.setCenter(views.computeIfAbsent(section, Section::createView));
        }
    }
}
