package dev.scaledeck.engine.scaling;

/**
 * Turns a fleet's metrics into the replica count it should have, with the reason. Stateless:
 * what it needs of the past comes in the {@link FleetSample}.
 */
public sealed interface ScalingPolicy permits ThresholdPolicy, TargetTrackingPolicy {

    Recommendation recommend(FleetSample sample);

    /** One line for the window: {@code threshold: up at cpu 80 %, ...}. */
    String describe();
}
