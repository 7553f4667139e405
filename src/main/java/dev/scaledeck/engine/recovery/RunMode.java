package dev.scaledeck.engine.recovery;

import java.util.Locale;

/** How a plan runs. */
public enum RunMode {
    /** Validates the plan and lists every step it would take, filled in; changes nothing. */
    DRY_RUN("dry-run"),
    /** Injects the plan's fault into the embedded environment, runs the plan, and measures RTO and RPO. */
    DRILL("drill"),
    /** Runs the plan for real. */
    EXECUTE("execute");

    private final String label;

    RunMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RunMode parse(String text) {
        for (RunMode m : values()) {
            if (m.label.equals(text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("run mode \"" + text + "\" is not one of dry-run, drill, execute");
    }
}
