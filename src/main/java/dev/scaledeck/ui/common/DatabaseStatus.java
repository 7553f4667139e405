package dev.scaledeck.ui.common;

/** What the last database check said. */
public enum DatabaseStatus {
    /** No check has finished yet. */
    CHECKING,
    /** A connection answered within the timeout. */
    REACHABLE,
    /** No connection could be had, or it did not answer in time. */
    UNREACHABLE
}
