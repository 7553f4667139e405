package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.notify.AlertNotificationsView;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.Map;

/**
 * The window: navigation on the left, the selected section (or the start-up panel) in the
 * middle, the status bar at the bottom. Section views are built when first shown, and not
 * before the start-up panel gives way: the first frame needs only the panel, so the window
 * appears sooner.
 */
public final class ShellView extends BorderPane {

    private final Map<Section<?>, Node> views = new HashMap<>();
    private final BorderPane sectionHost = new BorderPane();
    private final ShellViewModel vm;

    public ShellView(ShellViewModel vm) {
        this.vm = vm;
        getStyleClass().add("shell");
        sectionHost.setId("section-host");
        sectionHost.getStyleClass().add("section-host");
        sectionHost.visibleProperty().bind(vm.startupVisibleProperty().not());
        show(vm.selectedSectionProperty().get());
        vm.selectedSectionProperty().addListener((obs, old, now) -> show(now));
        vm.startupVisibleProperty().addListener((obs, was, visible) -> show(vm.selectedSectionProperty().get()));

        setLeft(navigation(vm));
        setCenter(new StackPane(sectionHost, new StartupPane(vm)));
        setBottom(new StatusBar(vm));
        // Clicking a notification shows the Overview, where the active alerts are listed.
        AlertNotificationsView.attach(vm.notifications(), this, vm::showFirstSection);
    }

    private Node navigation(ShellViewModel vm) {
        Label brand = new Label("ScaleDeck");
        brand.getStyleClass().add("brand");
        // Toggle buttons rather than a ListView: a handful of fixed entries, and far cheaper
        // to build, which the first frame notices.
        VBox list = new VBox();
        list.setId("navigation");
        ToggleGroup group = new ToggleGroup();
        for (Section<?> section : vm.sections()) {
            ToggleButton item = new ToggleButton(section.title());
            item.getStyleClass().setAll("nav-item");
            item.setUserData(section);
            item.setToggleGroup(group);
            item.setMaxWidth(Double.MAX_VALUE);
            item.setSelected(section == vm.selectedSectionProperty().get());
            list.getChildren().add(item);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one section is always shown
            } else {
                vm.selectedSectionProperty().set((Section<?>) now.getUserData());
            }
        });
        vm.selectedSectionProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
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
        if (section != null && !vm.startupVisibleProperty().get()) {
            sectionHost.setCenter(views.computeIfAbsent(section, Section::createView));
        }
    }
}
