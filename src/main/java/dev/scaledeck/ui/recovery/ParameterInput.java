package dev.scaledeck.ui.recovery;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One of the selected plan's parameters in the run form: its name, its default (blank when it
 * must be given) and the value typed, prefilled with the default. UI thread only.
 */
public final class ParameterInput {

    private final String name;
    private final String defaultValue;
    private final StringProperty value;

    ParameterInput(String name, String defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.value = new SimpleStringProperty(this, name, defaultValue);
    }

    public String name() {
        return name;
    }

    /** What the field shows while empty: the default, or that a value is needed. */
    public String prompt() {
        return defaultValue.isEmpty() ? "required" : "default " + defaultValue;
    }

    /** The value typed; the view binds its field to it. */
    public StringProperty valueProperty() {
        return value;
    }

    /** The value typed, trimmed. */
    String text() {
        return value.get() == null ? "" : value.get().trim();
    }

    /** Whether the plan cannot execute without a value here. */
    boolean missing() {
        return defaultValue.isEmpty() && text().isEmpty();
    }
}
