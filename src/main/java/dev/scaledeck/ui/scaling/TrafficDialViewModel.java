package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.util.Numbers;
import dev.scaledeck.engine.TrafficDial;
import dev.scaledeck.ui.common.Parsed;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;


/**
 * The embedded environment's background traffic, turned up and down by the operator, so load
 * and the auto-scaler's answer to it can be seen without another tool. Shown only when the
 * environment offers a dial (the embedded sample instances).
 */
public final class TrafficDialViewModel {

    private final TaskExecutor tasks;
    private TrafficDial dial;

    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final StringProperty rateText = new SimpleStringProperty(this, "rateText", "");
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper(this, "current", "");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");
    private final ReadOnlyBooleanWrapper canSet = new ReadOnlyBooleanWrapper(this, "canSet");
    private final ReadOnlyObjectWrapper<StatusLine> message = new ReadOnlyObjectWrapper<>(this, "message",
            StatusLine.plain(""));

    TrafficDialViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        rateText.addListener((obs, old, now) -> revalidate());
    }

    void use(TrafficDial newDial) {
        dial = newDial;
        available.set(dial != null);
        if (dial != null) {
            hint.set("Background requests over the sample instances, through the balancer. " + dial.hint());
            rateText.set(Numbers.oneDecimal(dial.rate()));
            showCurrent();
        }
        revalidate();
    }

    /** Sets the typed rate. */
    public void set() {
        Parsed<Double> rate = parse();
        if (!canSet.get() || !rate.ok()) {
            return;
        }
        double wanted = rate.value();
        canSet.set(false);
        tasks.execute(progress -> {
            dial.setRate(wanted);
            return wanted;
        }, progress -> { }, done -> {
            showCurrent();
            message.set(StatusLine.good(done == 0 ? "Background traffic is off."
                    : "Sending " + Numbers.oneDecimal(done) + " requests/s through the balancer."));
            revalidate();
        }, failure -> {
            message.set(StatusLine.bad("Could not change the traffic: " + failure.getMessage()));
            revalidate();
        });
    }

    private void showCurrent() {
        current.set(dial.rate() == 0 ? "off" : Numbers.oneDecimal(dial.rate()) + " requests/s now");
    }

    private void revalidate() {
        Parsed<Double> rate = parse();
        canSet.set(dial != null && rate.ok() && rate.value() != dial.rate());
        if (rate.problem() != null) {
            message.set(StatusLine.bad(rate.problem()));
        } else if (message.get().text().startsWith("Type ")) {
            message.set(StatusLine.plain(""));
        }
    }

    private Parsed<Double> parse() {
        String t = rateText.get() == null ? "" : rateText.get().trim();
        if (t.isEmpty() || dial == null) {
            return Parsed.blank();
        }
        try {
            double v = Double.parseDouble(t);
            if (v >= 0 && v <= dial.maxRate()) {
                return Parsed.of(v);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return Parsed.invalid("Type requests per second from 0 to " + Numbers.oneDecimal(dial.maxRate())
                + ", not '" + t + "'");
    }


    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public StringProperty rateTextProperty() {
        return rateText;
    }

    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSetProperty() {
        return canSet.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLine> messageProperty() {
        return message.getReadOnlyProperty();
    }
}
