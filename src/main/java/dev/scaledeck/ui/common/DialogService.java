package dev.scaledeck.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the operator something or tells them what failed, so view models can do both without
 * knowing about windows (and tests can answer for the operator).
 */
public interface DialogService {

    /**
     * Asks before a dangerous action.
     *
     * @param title        what is about to happen, short
     * @param message      what it will do, in full
     * @param confirmLabel the label of the button that goes ahead, e.g. "Restore backup"
     * @return whether the operator went ahead
     */
    boolean confirm(String title, String message, String confirmLabel);

    /**
     * Tells the operator that something failed.
     *
     * @param cause the underlying error for the details, or null
     */
    void showError(String title, String message, Throwable cause);

    /**
     * Asks where to save a file.
     *
     * @param title     what is saved, e.g. "Save the impact report"
     * @param suggested the file offered: its folder is opened (when it exists) and its name filled in
     * @return the file chosen, or empty when the operator cancelled
     */
    Optional<Path> chooseFileToSave(String title, Path suggested);
}
