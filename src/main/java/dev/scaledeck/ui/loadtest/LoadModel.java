package dev.scaledeck.ui.loadtest;

/** How the window's load test offers load: virtual users (closed) or an arrival rate (open). */
public enum LoadModel {
    USERS("Virtual users (closed model)"),
    RATE("Arrival rate (open model)");

    private final String label;

    LoadModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
