package dev.scaledeck.engine.balancer;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Positions in a round-robin cycle, one per stripe, each on its own cache line; a thread uses the
 * stripe of its id. Like nginx's worker processes, each of which runs its own smooth round-robin
 * state, every thread walks the cycle on its own, so concurrent picks do not fight over one
 * counter: one thread sees nginx's exact sequence, and over whole cycles every thread's picks
 * are split exactly by weight. Threads that share a stripe still count atomically. Thread-safe,
 * lock-free.
 */
final class StripedCursor {

    private final int mask;
    private final AtomicIntegerArray cells;

    StripedCursor() {
        int stripes = Integer.highestOneBit(Math.max(8, Math.min(64, Runtime.getRuntime().availableProcessors() * 4)));
        this.mask = stripes - 1;
        this.cells = new AtomicIntegerArray((stripes + 1) * InFlightCounter.LINE + 1);
    }

    /** The next position for the calling thread, never negative (wraps after 2^31 picks). */
    int next() {
        int stripe = (int) Thread.currentThread().getId() & mask;
        return cells.getAndIncrement((stripe + 1) * InFlightCounter.LINE) & Integer.MAX_VALUE;
    }
}
