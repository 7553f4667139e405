package dev.scaledeck.ui.shell;

import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.LiveViewModel;
import dev.scaledeck.ui.common.StatusStyles;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;

/**
 * The status bar's live part: is the database reachable, how many instances are up, how many
 * alerts are active and how bad the worst is. Grey until the first sample. Updated by the
 * sampler on the UI thread.
 */
public final class StatusBarViewModel implements LiveViewModel {

    private final ReadOnlyStringWrapper databaseText = new ReadOnlyStringWrapper(this, "databaseText", Formats.NONE);
    private final ReadOnlyStringWrapper databaseUrl = new ReadOnlyStringWrapper(this, "databaseUrl", "");
    private final ReadOnlyStringWrapper databaseStyle = new ReadOnlyStringWrapper(this, "databaseStyle", StatusStyles.UNKNOWN);
    private final ReadOnlyStringWrapper instancesText = new ReadOnlyStringWrapper(this, "instancesText", Formats.NONE);
    private final ReadOnlyStringWrapper instancesStyle = new ReadOnlyStringWrapper(this, "instancesStyle", StatusStyles.UNKNOWN);
    private final ReadOnlyStringWrapper alertsText = new ReadOnlyStringWrapper(this, "alertsText", Formats.NONE);
    private final ReadOnlyStringWrapper alertsStyle = new ReadOnlyStringWrapper(this, "alertsStyle", StatusStyles.UNKNOWN);

    @Override
    public void update(EngineSnapshot snapshot) {
        databaseText.set(shortUrl(snapshot.databaseUrl()) + " · " + switch (snapshot.database()) {
            case CHECKING -> "checking…";
            case REACHABLE -> "reachable";
            case UNREACHABLE -> "not reachable";
        });
        databaseStyle.set(StatusStyles.of(snapshot.database()));
        databaseUrl.set(snapshot.databaseUrl());
        updateInstances(snapshot.instances());
        int alerts = snapshot.activeAlerts().size();
        alertsText.set(alerts == 0 ? "No active alerts" : alerts + (alerts == 1 ? " active alert" : " active alerts"));
        alertsStyle.set(StatusStyles.of(StatusStyles.worst(snapshot.activeAlerts()).orElse(null)));
    }

    private void updateInstances(List<InstanceStatus> instances) {
        long up = instances.stream().filter(i -> i.state() == InstanceState.UP).count();
        int total = instances.size();
        if (total == 0) {
            instancesText.set("none configured");
            instancesStyle.set(StatusStyles.UNKNOWN);
            return;
        }
        instancesText.set(up + "/" + total + " up");
        instancesStyle.set(up == total ? StatusStyles.GOOD : up == 0 ? StatusStyles.BAD : StatusStyles.DEGRADED);
    }

    /**
     * The URL without {@code jdbc:} and its parameters, which the status bar has no room for
     * (the user still shows; the full masked URL is {@link #databaseUrlProperty()}).
     */
    static String shortUrl(String maskedUrl) {
        String url = maskedUrl.startsWith("jdbc:") ? maskedUrl.substring("jdbc:".length()) : maskedUrl;
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        int end = url.indexOf(' ', query);
        return url.substring(0, query) + (end < 0 ? "" : url.substring(end));
    }

    /** The full database URL, password masked. */
    public ReadOnlyStringProperty databaseUrlProperty() {
        return databaseUrl.getReadOnlyProperty();
    }

    /** The database URL (short form, password masked) and whether it answers. */
    public ReadOnlyStringProperty databaseTextProperty() {
        return databaseText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseStyleProperty() {
        return databaseStyle.getReadOnlyProperty();
    }

    /** {@code 2/3 up}. */
    public ReadOnlyStringProperty instancesTextProperty() {
        return instancesText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty instancesStyleProperty() {
        return instancesStyle.getReadOnlyProperty();
    }

    /** {@code 2 active alerts}. */
    public ReadOnlyStringProperty alertsTextProperty() {
        return alertsText.getReadOnlyProperty();
    }

    /** The style of the worst active alert's severity. */
    public ReadOnlyStringProperty alertsStyleProperty() {
        return alertsStyle.getReadOnlyProperty();
    }
}
