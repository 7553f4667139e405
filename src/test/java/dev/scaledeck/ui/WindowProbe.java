package dev.scaledeck.ui;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Reads what the window shows, on the FX thread, for the TestFX tests. */
final class WindowProbe {

    private final FxRobot robot = new FxRobot();

    FxRobot robot() {
        return robot;
    }

    /** The text of the labelled node with this CSS id, or empty when it is not in the window. */
    String text(String id) {
        return onFx(() -> node(id).map(n -> ((Labeled) n).getText()).orElse(""));
    }

    /** Whether the node with this id is in a showing window and shown (it and its parents visible). */
    boolean shown(String id) {
        return onFx(() -> node(id).map(WindowProbe::treeVisible).orElse(false));
    }

    <T extends Node> Optional<T> node(String id) {
        return robot.lookup("#" + id).tryQuery();
    }

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the window", e);
        }
    }

    private static boolean treeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null && node.getScene().getWindow() != null
                && node.getScene().getWindow().isShowing();
    }
}
