package dev.scaledeck.engine.scaling;

import java.time.Instant;

/**
 * Replica counts at one evaluation, for the current-vs-desired chart. Immutable.
 *
 * @param at      when
 * @param current replicas the platform was asked for before the evaluation
 * @param desired replicas the evaluation wanted
 * @param ready   ready, warm instances
 */
public record ReplicaPoint(Instant at, int current, int desired, int ready) {
}
