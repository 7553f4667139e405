package dev.scaledeck.engine.recovery;

/** What a run does when a step has failed all its attempts. */
public enum OnFailure {
    /** Stop the run; it failed. */
    ABORT("abort"),
    /** Note the failure and go on with the next step; the run can still succeed. */
    CONTINUE("continue"),
    /** Run the step's compensating steps, then stop the run; it failed. */
    COMPENSATE("compensate");

    private final String yaml;

    OnFailure(String yaml) {
        this.yaml = yaml;
    }

    public String yaml() {
        return yaml;
    }
}
