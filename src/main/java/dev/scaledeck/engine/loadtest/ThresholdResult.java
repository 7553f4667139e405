package dev.scaledeck.engine.loadtest;

/**
 * A threshold against what a run measured. Immutable.
 *
 * @param threshold the rule
 * @param actual    the measured value, in the rule's unit (NaN when nothing was measured)
 * @param passed    whether it held
 */
public record ThresholdResult(Threshold threshold, double actual, boolean passed) {
}
