package dev.scaledeck.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link DialogService} with JavaFX dialogs owned by the main window. Call on the FX thread. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType go = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, go, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(go::equals).isPresent();
    }

    @Override
    public void showError(String title, String message, Throwable cause) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.CLOSE);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        if (cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            TextArea details = new TextArea(trace.toString());
            details.setEditable(false);
            details.getStyleClass().add("mono");
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.showAndWait();
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Path suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        Path folder = suggested.toAbsolutePath().getParent();
        // A folder that does not exist yet is created when the file is written; open its parent meanwhile.
        while (folder != null && !Files.isDirectory(folder)) {
            folder = folder.getParent();
        }
        if (folder != null) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.setInitialFileName(suggested.getFileName().toString());
        String name = suggested.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String extension = name.substring(dot + 1);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    extension.toUpperCase(Locale.ROOT) + " files", "*." + extension));
        }
        File chosen = chooser.showSaveDialog(owner.get());
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
