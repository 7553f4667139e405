package dev.scaledeck.ui.balancer;

import dev.scaledeck.engine.balancer.InstanceHealth;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One instance in the balancer table. The row stays the same object while the instance is in
 * the balancer and its texts change in place, so the table keeps its selection while the figures
 * move. Only {@link BalancerViewModel} changes it, on the UI thread.
 */
public final class BalancerInstanceRow {

    private final String id;
    private InstanceHealth health;
    /** Whether the platform runs it: null without a platform or when the platform does not know it. */
    private Boolean running;
    private long inFlightCount;
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper stateStyle = new ReadOnlyStringWrapper(this, "stateStyle", null);
    private final ReadOnlyStringWrapper weight = new ReadOnlyStringWrapper(this, "weight", "");
    private final ReadOnlyStringWrapper inFlight = new ReadOnlyStringWrapper(this, "inFlight", "");
    private final ReadOnlyStringWrapper requestsPerSecond = new ReadOnlyStringWrapper(this, "requestsPerSecond", "");
    private final ReadOnlyStringWrapper latencyP50 = new ReadOnlyStringWrapper(this, "latencyP50", "");
    private final ReadOnlyStringWrapper latencyP99 = new ReadOnlyStringWrapper(this, "latencyP99", "");
    private final ReadOnlyStringWrapper share = new ReadOnlyStringWrapper(this, "share", "");
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper(this, "errors", "");
    private final ReadOnlyStringWrapper breaker = new ReadOnlyStringWrapper(this, "breaker", "");
    private final ReadOnlyStringWrapper breakerStyle = new ReadOnlyStringWrapper(this, "breakerStyle", null);
    private final ReadOnlyStringWrapper process = new ReadOnlyStringWrapper(this, "process", "");
    private final ReadOnlyStringWrapper processStyle = new ReadOnlyStringWrapper(this, "processStyle", null);

    BalancerInstanceRow(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The balancer state, for deciding which actions apply. */
    public InstanceHealth health() {
        return health;
    }

    /** Whether its server runs, or null when no platform says so. */
    public Boolean running() {
        return running;
    }

    long inFlightCount() {
        return inFlightCount;
    }

    void setHealth(InstanceHealth health, String text, String style) {
        this.health = health;
        // The style first: a cell redraws when the text changes and reads the style then.
        stateStyle.set(style);
        state.set(text);
    }

    void setBreaker(String text, String style) {
        breakerStyle.set(style);
        breaker.set(text);
    }

    void setProcess(Boolean running, String text, String style) {
        this.running = running;
        processStyle.set(style);
        process.set(text);
    }

    void setFigures(String url, String weight, long inFlight, String requestsPerSecond, String latencyP50,
                    String latencyP99, String share, String errors) {
        this.inFlightCount = inFlight;
        this.url.set(url);
        this.weight.set(weight);
        this.inFlight.set(String.valueOf(inFlight));
        this.requestsPerSecond.set(requestsPerSecond);
        this.latencyP50.set(latencyP50);
        this.latencyP99.set(latencyP99);
        this.share.set(share);
        this.errors.set(errors);
    }

    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** {@code EJECTED · operator: ejected from the window}: the state, with the reason when it is not HEALTHY. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateStyleProperty() {
        return stateStyle.getReadOnlyProperty();
    }

    /** {@code 100}, or {@code 100 (ramping 42)} during slow start. */
    public ReadOnlyStringProperty weightProperty() {
        return weight.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inFlightProperty() {
        return inFlight.getReadOnlyProperty();
    }

    /** Requests completed per second between the last two snapshots. */
    public ReadOnlyStringProperty requestsPerSecondProperty() {
        return requestsPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyP50Property() {
        return latencyP50.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyP99Property() {
        return latencyP99.getReadOnlyProperty();
    }

    /** Its share of the requests in the balancer's stats window. */
    public ReadOnlyStringProperty shareProperty() {
        return share.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /** {@code closed}, {@code OPEN} or {@code half-open}. */
    public ReadOnlyStringProperty breakerProperty() {
        return breaker.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty breakerStyleProperty() {
        return breakerStyle.getReadOnlyProperty();
    }

    /** {@code running}, {@code stopped}, or {@link dev.scaledeck.ui.common.Formats#NONE} without a platform. */
    public ReadOnlyStringProperty processProperty() {
        return process.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processStyleProperty() {
        return processStyle.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return id + " " + state.get();
    }
}
