package dev.scaledeck.engine.balancer;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Weighted least connections: the member with the fewest requests in flight per unit of weight
 * ({@code inFlight / weight}, compared by cross-multiplying). Up to {@link #FULL_SCAN_LIMIT}
 * members every one is looked at and ties go to a weight-proportional random choice (so an idle
 * fleet still gets traffic by weight); above it, two distinct members drawn at random are
 * compared ("power of two choices"), which is O(1) and nearly as good. Retries after a refused
 * permit take a random member. Concurrent picks can race to the same idle member; that is the
 * usual, harmless imprecision.
 *
 * <p>Both work on a per-thread view of the counts, re-read when any request ended since the
 * thread last read them (so a freed instance is seen at once; one count shared by the balancer's
 * instances tells) and after {@link #VIEW_PICKS} of the thread's own picks; in between the
 * thread adds its own picks to the view. This keeps a pick from reading the counters other cores
 * keep writing, which is what made least connections slow under concurrent picking. The scan
 * re-reads all its members at once (one check per pick); two choices re-read each drawn member
 * on its own. Ties are broken with the view's own xorshift sequence. The view is found through
 * a small table of slots keyed by thread id (each slot owned by the first thread to claim it,
 * until that thread ends) before falling back to a {@link ThreadLocal}, whose lookup would
 * otherwise be a third of a pick's cost.
 * Thread-safe.
 */
abstract class LeastConnectionsSelector implements Selector {

    static final int FULL_SCAN_LIMIT = 8;
    /** Own picks a thread may add to its view before it re-reads a count. */
    static final int VIEW_PICKS = 64;
    private static final int SLOTS = 8;

    final Backend[] members;
    final InFlightCounter[] inFlight;
    final long[] weights;
    private final InFlightCounter.Ends ends;
    private final AtomicReferenceArray<View> slots = new AtomicReferenceArray<>(SLOTS);
    private final ThreadLocal<View> views;

    /** One thread's idea of the in-flight counts. */
    static final class View {
        final Thread owner;
        final long[] loads;
        /** Per member: the balancer's end count when last read. */
        final long[] ended;
        /** Per member: the value of {@link #picks} when last read. */
        final long[] readAt;
        long picks;
        /** The balancer's end count at the start of the current pick. */
        long endsNow;
        /** Scan: the end count and the pick number when every count was last read. */
        long endsAtFullRead = -1;
        long fullReadAt;
        /** This thread's xorshift state for tie-breaks (never zero). */
        int random;

        View(Thread owner, int n) {
            this.owner = owner;
            int seed = ThreadLocalRandom.current().nextInt();
            random = seed != 0 ? seed : 0x9E3779B9;
            loads = new long[n];
            ended = new long[n];
            readAt = new long[n];
            Arrays.fill(readAt, -VIEW_PICKS - 1); // read on first use
        }
    }

    /**
     * The selector for these members: a full scan up to {@link #FULL_SCAN_LIMIT}, two choices
     * above. Two classes rather than one branch, so the JIT profiles and compiles each on its own
     * (a balancer that once had a large fleet does not slow down the small one's picks).
     */
    static LeastConnectionsSelector of(Backend[] members, int[] weights) {
        return members.length <= FULL_SCAN_LIMIT ? new Scan(members, weights) : new TwoChoices(members, weights);
    }

    private LeastConnectionsSelector(Backend[] members, int[] weights) {
        this.members = members;
        this.inFlight = new InFlightCounter[members.length];
        this.weights = new long[weights.length];
        for (int i = 0; i < members.length; i++) {
            this.inFlight[i] = members[i].inFlight;
            this.weights[i] = weights[i];
        }
        this.ends = members[0].inFlight.ends();
        int n = members.length;
        this.views = ThreadLocal.withInitial(() -> new View(Thread.currentThread(), n));
    }

    @Override
    public Backend select(int attempt) {
        int n = members.length;
        if (n == 1) {
            return members[0];
        }
        if (attempt > 0) {
            return members[ThreadLocalRandom.current().nextInt(n)];
        }
        View view = view();
        view.picks++;
        view.endsNow = ends.count();
        int chosen = choose(view);
        view.loads[chosen]++;
        return members[chosen];
    }

    /** The index of the member to take, reading counts through {@link #load}. */
    abstract int choose(View view);

    /** Every member is looked at; ties go to a weight-proportional random choice. */
    private static final class Scan extends LeastConnectionsSelector {
        Scan(Backend[] members, int[] weights) {
            super(members, weights);
        }

        @Override
        int choose(View view) {
            long[] loads = view.loads;
            if (view.endsNow != view.endsAtFullRead || view.picks - view.fullReadAt > VIEW_PICKS) {
                // Up to eight members: one check per pick and, when stale, one read of them all
                // is cheaper than asking for each member.
                for (int i = 0; i < loads.length; i++) {
                    loads[i] = inFlight[i].sum();
                }
                view.endsAtFullRead = view.endsNow;
                view.fullReadAt = view.picks;
            }
            long[] w = weights;
            int best = 0;
            long bestLoad = loads[0];
            long bestWeight = w[0];
            long tiedWeight = bestWeight;
            for (int i = 1; i < w.length; i++) {
                long load = loads[i];
                long cmp = load * bestWeight - bestLoad * w[i];
                if (cmp < 0) {
                    best = i;
                    bestLoad = load;
                    bestWeight = w[i];
                    tiedWeight = bestWeight;
                } else if (cmp == 0) {
                    // Weighted reservoir sampling over the tied members, from this thread's
                    // xorshift sequence.
                    int r = xorshift(view.random);
                    view.random = r;
                    tiedWeight += w[i];
                    if (below(r, tiedWeight) < w[i]) {
                        best = i;
                        bestLoad = load;
                        bestWeight = w[i];
                    }
                }
            }
            return best;
        }
    }

    /** Two distinct members drawn at random; the less loaded one (by weight) wins. */
    private static final class TwoChoices extends LeastConnectionsSelector {
        TwoChoices(Backend[] members, int[] weights) {
            super(members, weights);
        }

        @Override
        int choose(View view) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int n = members.length;
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            if (b >= a) {
                b++; // distinct from a, still uniform
            }
            long cmp = load(view, a) * weights[b] - load(view, b) * weights[a];
            if (cmp == 0) {
                return below(random.nextInt(), weights[a] + weights[b]) < weights[a] ? a : b;
            }
            return cmp < 0 ? a : b;
        }
    }

    /** Member {@code i}'s count in this thread's view, re-read if a request ended since or the read is old. */
    final long load(View view, int i) {
        if (view.ended[i] != view.endsNow || view.picks - view.readAt[i] > VIEW_PICKS) {
            view.ended[i] = view.endsNow;
            view.readAt[i] = view.picks;
            view.loads[i] = inFlight[i].sum();
        }
        return view.loads[i];
    }

    /**
     * The calling thread's view: its slot if it owns one (taking the slot over when it is free or
     * its owner has ended), else its thread-local view.
     */
    private View view() {
        Thread current = Thread.currentThread();
        int slot = (int) current.getId() & (SLOTS - 1);
        View view = slots.getPlain(slot);
        if (view != null && view.owner == current) {
            return view;
        }
        if (view == null || !view.owner.isAlive()) {
            View mine = new View(current, members.length);
            if (slots.compareAndSet(slot, view, mine)) {
                return mine;
            }
        }
        return views.get();
    }

    /**
     * Maps a random int onto {@code [0, bound)} by multiplying instead of dividing (Lemire); the
     * bias is below bound / 2^32, and effective weights sum to at most 2^16.
     */
    static long below(int random, long bound) {
        return ((random & 0xFFFFFFFFL) * bound) >>> 32;
    }

    static int xorshift(int x) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x;
    }
}
