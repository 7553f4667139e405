package dev.scaledeck.engine.recovery;

/** What the engine does when detection matches a plan ({@code recovery.mode}). */
public enum RecoveryMode {
    /** Shows the scenario and the plan to run, and waits for the operator. */
    ASK("ask"),
    /** Starts the matched plan by itself (execute mode); approval steps still wait for an operator. */
    AUTOMATIC("automatic");

    private final String label;

    RecoveryMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
