package dev.scaledeck.engine.health;

/** How a health check, or the whole application, is doing; ordered from best to worst. */
public enum HealthStatus {
    UP, DEGRADED, DOWN;

    /** The worse of the two. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
