package dev.scaledeck.engine.alert;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
