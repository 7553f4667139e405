package dev.scaledeck.engine.scaling;

/** Whether the auto-scaler acts on its decisions ({@code scaling.mode}); switchable at run time. */
public enum ScalingMode {
    /** Decide and explain, but change nothing: the operator applies a recommendation by hand. */
    RECOMMEND("recommend"),
    /** Decide and ask the platform for the new replica count. */
    APPLY("apply");

    private final String id;

    ScalingMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
