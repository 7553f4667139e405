package dev.scaledeck.engine.balancer;

import java.util.List;

/**
 * The instances that may take new requests at one moment, with the selector built for them and
 * the current strategy. Immutable: the balancer publishes a new rotation through an atomic
 * reference on every change of state, weight or strategy, so picking never takes a lock.
 *
 * @param members  who may be picked (the eligible instances, or in SPREAD panic every non-draining one)
 * @param weights  effective integer weights used to build the selector, in member order
 * @param selector chooses among the members
 * @param panic    whether no instance was eligible when this rotation was built
 */
record Rotation(List<Backend> members, int[] weights, Selector selector, boolean panic) {

    static final Rotation EMPTY = new Rotation(List.of(), new int[0], Selector.EMPTY, false);
}
