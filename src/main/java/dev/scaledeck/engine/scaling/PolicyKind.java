package dev.scaledeck.engine.scaling;

/** Which policy turns metrics into a replica count ({@code scaling.policy}). */
public enum PolicyKind {
    /** The seed's: up when any metric crosses its up-threshold, down only when all are below their down-thresholds. */
    THRESHOLD("threshold"),
    /** Kubernetes HPA's: desired = ceil(ready x value / target), with a tolerance. */
    TARGET_TRACKING("target-tracking");

    private final String id;

    PolicyKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
