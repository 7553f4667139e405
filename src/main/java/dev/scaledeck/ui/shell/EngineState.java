package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.common.StatusStyles;

/** Where the window's engine is in its life, as the status bar says it. */
public enum EngineState {
    STARTING("Starting…", StatusStyles.DEGRADED),
    RUNNING("Running", StatusStyles.GOOD),
    FAILED("Failed", StatusStyles.BAD),
    STOPPING("Stopping…", StatusStyles.UNKNOWN),
    STOPPED("Stopped", StatusStyles.UNKNOWN);

    private final String label;
    private final String styleClass;

    EngineState(String label, String styleClass) {
        this.label = label;
        this.styleClass = styleClass;
    }

    public String label() {
        return label;
    }

    public String styleClass() {
        return styleClass;
    }
}
