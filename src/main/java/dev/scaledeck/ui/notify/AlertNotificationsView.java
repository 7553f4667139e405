package dev.scaledeck.ui.notify;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.Locale;

/**
 * Shows each notice the view model adds as a ControlsFX notification in the bottom-right corner
 * of the window that holds {@code owner}: error, warning or information style by severity,
 * staying longer for critical alerts. Clicking one runs {@code onOpen}. FX thread only.
 */
public final class AlertNotificationsView {

    static final String STYLE_CLASS = "alert-notification";

    private final Node owner;
    private final Runnable onOpen;

    private AlertNotificationsView(Node owner, Runnable onOpen) {
        this.owner = owner;
        this.onOpen = onOpen;
    }

    public static void attach(AlertNotificationsViewModel vm, Node owner, Runnable onOpen) {
        AlertNotificationsView view = new AlertNotificationsView(owner, onOpen);
        vm.notices().addListener((ListChangeListener<AlertNotice>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    change.getAddedSubList().forEach(view::show);
                }
            }
        });
    }

    private void show(AlertNotice notice) {
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window == null || !window.isShowing()) {
            return;
        }
        Notifications popup = Notifications.create()
                .owner(window)
                .position(Pos.BOTTOM_RIGHT)
                .title(notice.title())
                .text(notice.text())
                .hideAfter(Duration.seconds(switch (notice.severity()) {
                    case CRITICAL -> 30;
                    case WARNING -> 12;
                    case INFO -> 6;
                }))
                .styleClass(STYLE_CLASS, "notice-" + notice.severity().name().toLowerCase(Locale.ROOT))
                .onAction(e -> onOpen.run());
        switch (notice.severity()) {
            case CRITICAL -> popup.showError();
            case WARNING -> popup.showWarning();
            case INFO -> popup.showInformation();
        }
    }
}
