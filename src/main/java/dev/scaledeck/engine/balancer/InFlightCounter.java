package dev.scaledeck.engine.balancer;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Requests in flight on one instance, counted in stripes (one cache line each, a thread writes
 * the stripe of its id) so that concurrent picks of the same instance do not contend on one
 * counter; {@link #sum()} adds the stripes. A request may end on another thread than the one that
 * picked it, so single stripes can go negative; only the sum means something.
 *
 * <p>The sum is not an atomic snapshot, but every operation is sequentially consistent, which is
 * what the drain needs: a pick increments and then reads the admission, a drain writes the
 * admission and then sums, so a drain that sums to zero has seen every admitted request end.
 * Thread-safe, lock-free.
 */
final class InFlightCounter {

    /** Ints per 64-byte cache line. */
    static final int LINE = 16;
    private static final int MASK = stripes() - 1;

    private final AtomicIntegerArray cells = new AtomicIntegerArray((MASK + 2) * LINE + 1);
    private final Ends ends;

    /**
     * How many requests have ended on any of a balancer's instances, on a cache line of its own:
     * pickers that keep a view of the counts re-read them when it moved. Picks do not write it,
     * so in a pick-heavy moment it stays in every core's cache and costs one plain load to check.
     */
    static final class Ends {
        private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
        /** The count sits at {@link #LINE}, a cache line of padding on each side. */
        private final long[] cells = new long[3 * LINE];

        long count() {
            return count(cells);
        }

        /** The count, read from {@link #cells()} held by the caller: one load fewer on a hot path. */
        static long count(long[] cells) {
            return (long) CELLS.getVolatile(cells, LINE);
        }

        long[] cells() {
            return cells;
        }

        void bump() {
            CELLS.getAndAdd(cells, LINE, 1L);
        }
    }

    InFlightCounter(Ends ends) {
        this.ends = ends;
    }

    /** One stripe per core (a power of two, 2..16): enough to keep cores apart, few to sum. */
    private static int stripes() {
        int cores = Math.max(2, Math.min(16, Runtime.getRuntime().availableProcessors()));
        return Integer.highestOneBit(cores * 2 - 1);
    }

    void increment() {
        cells.getAndIncrement(cell());
    }

    void decrement() {
        cells.getAndDecrement(cell());
        ends.bump();
    }

    /** The end count this counter bumps, shared with the balancer's other instances. */
    Ends ends() {
        return ends;
    }

    /** Requests in flight (exact when nothing is being picked or completed at the same time). */
    int sum() {
        int sum = 0;
        for (int i = 1; i <= MASK + 1; i++) {
            sum += cells.get(i * LINE);
        }
        return sum;
    }

    /** The calling thread's stripe, one line into the array so the first cell has a line before it. */
    private static int cell() {
        return (((int) Thread.currentThread().getId() & MASK) + 1) * LINE;
    }
}
