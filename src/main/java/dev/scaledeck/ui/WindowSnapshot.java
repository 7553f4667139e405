package dev.scaledeck.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes what a scene shows as a PNG. FX thread only. */
final class WindowSnapshot {

    private WindowSnapshot() {
    }

    /** Renders {@code scene} and writes it to {@code target} (via a temporary file, so no half-written PNG). */
    static void writePng(Scene scene, Path target) throws IOException {
        WritableImage image = scene.snapshot(null);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
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
}
