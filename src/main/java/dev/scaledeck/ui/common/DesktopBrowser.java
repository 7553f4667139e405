package dev.scaledeck.ui.common;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;

/**
 * The desktop's browser through {@link java.awt.Desktop}: false (never an exception) on a
 * headless machine or one without a browse action, so the window can say where the file is
 * instead. Touches AWT only when asked to open something. Thread-safe.
 */
public final class DesktopBrowser implements Browser {

    @Override
    public boolean open(Path file) throws Exception {
        if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
            return false;
        }
        Desktop desktop = Desktop.getDesktop();
        if (!desktop.isSupported(Desktop.Action.BROWSE)) {
            return false;
        }
        desktop.browse(file.toUri());
        return true;
    }
}
