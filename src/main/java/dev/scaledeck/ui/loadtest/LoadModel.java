package dev.scaledeck.ui.loadtest;

/** How the window's load test offers load: virtual users (closed) or an arrival rate (open). */
public enum LoadModel {
    USERS("Users (closed model)"),
    RATE("Rate (open model)");

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
