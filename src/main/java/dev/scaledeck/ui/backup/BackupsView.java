package dev.scaledeck.ui.backup;

import dev.scaledeck.ui.common.Controls;
import dev.scaledeck.ui.common.Labels;
import dev.scaledeck.ui.common.Panels;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.converter.LocalDateStringConverter;

import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * Backups: back up now, the backups table with verify and restore, the running operation's
 * progress and the last outcome; below, restore to a point in time and the schedules,
 * retention and RPO.
 */
public final class BackupsView extends VBox {

    private static final String[] STYLES = {StatusStyles.GOOD, StatusStyles.BAD, StatusStyles.UNKNOWN,
            StatusStyles.DEGRADED};

    public BackupsView(BackupsViewModel vm) {
        setId("backups");
        getStyleClass().add("section");

        VBox tableCard = Panels.card("Backups", new VBox(actions(vm), progress(vm), backupsTable(vm)));
        VBox.setVgrow(tableCard, Priority.ALWAYS);
        tableCard.setMinHeight(240);

        VBox pitrCard = Panels.card("Restore to a point in time", pointInTime(vm.pointInTime()));
        VBox plansCard = Panels.card("Schedules, retention and RPO", plans(vm));
        HBox.setHgrow(pitrCard, Priority.ALWAYS);
        HBox.setHgrow(plansCard, Priority.ALWAYS);
        pitrCard.setPrefWidth(1);
        plansCard.setPrefWidth(1);
        HBox bottom = new HBox(pitrCard, plansCard);
        bottom.getStyleClass().add("row");

        getChildren().addAll(Panels.heading("Backups", vm.summaryProperty()), tableCard, bottom);
    }

    private static VBox actions(BackupsViewModel vm) {
        Button full = Controls.button("backups-full", "Full backup", vm.canFullBackupProperty(), vm::fullBackup);
        TextField userId = Labels.field("backups-user-id", "user id", vm.userIdTextProperty());
        userId.setOnAction(e -> vm.userBackup());
        userId.disableProperty().bind(vm.readyProperty().not());
        Button user = Controls.button("backups-user", "User backup", vm.canUserBackupProperty(), vm::userBackup);
        Label selection = new Label();
        selection.setId("backups-selection");
        selection.getStyleClass().add("selection-text");
        selection.textProperty().bind(vm.selectionTextProperty());
        selection.setMinWidth(Region.USE_PREF_SIZE);
        Button verify = Controls.button("backups-verify", "Verify", vm.canVerifyProperty(), vm::verify);
        Button restore = Controls.button("backups-restore", "Restore…", vm.canRestoreProperty(), vm::restore);
        HBox buttons = new HBox(Labels.caption("Back up now"), full, userId, user, new Separator(Orientation.VERTICAL),
                selection, verify, restore);
        buttons.getStyleClass().add("toolbar");
        return new VBox(buttons, Labels.statusLine("backups-user-id-message", vm.userIdMessageProperty()));
    }

    /** The bar and step while an operation runs, then the outcome of the last one. */
    private static VBox progress(BackupsViewModel vm) {
        ProgressBar bar = new ProgressBar();
        bar.setId("backups-progress");
        bar.progressProperty().bind(vm.progressProperty());
        Label step = new Label();
        step.setId("backups-progress-step");
        step.getStyleClass().add("progress-step");
        step.textProperty().bind(vm.progressStepProperty());
        HBox running = new HBox(bar, step);
        running.getStyleClass().add("backups-progress");
        running.visibleProperty().bind(vm.busyProperty());
        running.managedProperty().bind(vm.busyProperty());

        return new VBox(running,
                Labels.shownWhenNotEmpty(Labels.wrapping("backups-status", "action-status", vm.statusProperty())));
    }

    private static VBox pointInTime(PointInTimeViewModel pitr) {
        Label availability = Labels.statusLine("pitr-availability", pitr.availabilityProperty());
        TextField userId = Labels.field("pitr-user-id", "user id", pitr.userIdTextProperty());
        DatePicker date = new DatePicker();
        date.setId("pitr-date");
        date.valueProperty().bindBidirectional(pitr.dateProperty());
        date.setConverter(new LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE));
        date.setPromptText("yyyy-mm-dd");
        date.setPrefWidth(130);
        TextField time = Labels.field("pitr-time", "HH:mm", pitr.timeTextProperty());
        HBox inputs = new HBox(Labels.caption("User id"), userId, Labels.caption("Date"), date, Labels.caption("Time"),
                time);
        inputs.getStyleClass().add("toolbar");
        inputs.disableProperty().bind(pitr.availableProperty().not());
        Button restoreUser = Controls.button("pitr-restore-user", "Restore user as of…", pitr.canRestoreUserProperty(),
                pitr::restoreUserAsOf);
        Button recover = Controls.button("pitr-recover", "Recover whole database as of…", pitr.canRecoverProperty(),
                pitr::recoverCluster);
        Button base = Controls.button("pitr-base-backup", "Take base backup", pitr.canTakeBaseBackupProperty(),
                pitr::takeBaseBackup);
        HBox buttons = new HBox(restoreUser, recover, new Separator(Orientation.VERTICAL), base);
        buttons.getStyleClass().add("toolbar");
        return new VBox(availability, inputs, buttons, Labels.statusLine("pitr-message", pitr.messageProperty()));
    }

    private static VBox plans(BackupsViewModel vm) {
        VBox box = new VBox(Labels.caption("Schedules"), Labels.lines("backups-schedules", vm.schedules()),
                Labels.caption("Retention"),
                Labels.wrapping("backups-retention", "status-line", vm.retentionProperty()),
                Labels.wrapping("backups-copies", "status-line", vm.copiesProperty()),
                Labels.caption("Recovery point objective"), Labels.lines("backups-rpo", vm.rpo()));
        box.getStyleClass().add("backup-plans");
        return box;
    }

    private static TableView<BackupRow> backupsTable(BackupsViewModel vm) {
        TableView<BackupRow> table = Controls.table("backups-table", vm.backups(),
                "No backups yet: press Full backup to take the first one");
        VBox.setVgrow(table, Priority.ALWAYS);
        Controls.followSelection(table, vm.selectedProperty());
        table.getColumns().add(Controls.column("Backup", BackupRow::id, null, 270, false));
        table.getColumns().add(Controls.column("Scope", BackupRow::scope, null, 90, false));
        table.getColumns().add(Controls.column("Taken at", BackupRow::takenAt, null, 150, false));
        table.getColumns().add(Controls.column("Size", BackupRow::size, null, 90, true));
        table.getColumns().add(Controls.column("Rows", BackupRow::rows, null, 90, true));
        table.getColumns().add(Controls.column("Verification", BackupRow::verification, BackupRow::verificationStyle, 110, false));
        table.getColumns().add(Controls.column("Copies", BackupRow::copies, BackupRow::copiesStyle, 70, false));
        table.getColumns().forEach(c -> c.setSortable(false));
        return table;
    }
}
