package dev.scaledeck.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.PopupWindow;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes what a scene shows as a PNG. FX thread only. */
final class WindowSnapshot {

    private WindowSnapshot() {
    }

    /**
     * Renders {@code scene} with the popups its window shows on top (alert notifications, an open
     * tooltip or menu: a scene snapshot alone leaves them out) and writes it to {@code target}
     * (via a temporary file, so no half-written PNG).
     */
    static void writePng(Scene scene, Path target) throws IOException {
        WritableImage image = scene.snapshot(null);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        drawPopups(scene, pixels);
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        if (!ImageIO.write(pixels, "png", temporary.toFile())) {
            throw new IOException("no PNG writer for image type " + pixels.getType());
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void drawPopups(Scene scene, BufferedImage pixels) {
        Window window = scene.getWindow();
        if (window == null) {
            return;
        }
        double originX = window.getX() + scene.getX();
        double originY = window.getY() + scene.getY();
        Graphics2D g = pixels.createGraphics();
        try {
            for (Window w : Window.getWindows()) {
                if (w instanceof PopupWindow popup && popup.isShowing() && ownedBy(popup, window) && popup.getScene() != null) {
                    BufferedImage shown = SwingFXUtils.fromFXImage(popup.getScene().snapshot(null), null);
                    g.drawImage(shown, (int) Math.round(popup.getX() + popup.getScene().getX() - originX),
                            (int) Math.round(popup.getY() + popup.getScene().getY() - originY), null);
                }
            }
        } finally {
            g.dispose();
        }
    }

    private static boolean ownedBy(PopupWindow popup, Window window) {
        for (Window owner = popup.getOwnerWindow(); owner != null;
             owner = owner instanceof PopupWindow p ? p.getOwnerWindow() : null) {
            if (owner == window) {
                return true;
            }
        }
        return false;
    }
}
