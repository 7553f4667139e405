package dev.scaledeck.engine.scaling;

/** What an evaluation concluded. */
public enum ScalingAction {
    SCALE_UP,
    SCALE_DOWN,
    /** The policy asks for the current count, or the change was cut back to it by stabilization. */
    NO_CHANGE,
    /** The policy asked for a change that a guard refused: cooldown, connection budget, warm-up, no metrics. */
    BLOCKED
}
