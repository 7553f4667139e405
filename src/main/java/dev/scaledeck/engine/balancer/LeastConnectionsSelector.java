package dev.scaledeck.engine.balancer;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Weighted least connections: the member with the fewest requests in flight per unit of weight
 * ({@code inFlight / weight}, compared by cross-multiplying). Up to {@link #FULL_SCAN_LIMIT}
 * members every one is looked at: ties between idle members go to a weight-proportional random
 * choice (so an idle fleet still gets traffic by weight), ties between busy ones round-robin;
 * above it, two distinct members drawn at random are
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
 * on its own. Random tie-breaks use the view's own xorshift sequence. The view is found through
 * a small table of slots keyed by thread id (each slot owned by the first thread to claim it,
 * until that thread ends) before falling back to a {@link ThreadLocal}, whose lookup would
 * otherwise be a third of a pick's cost.
 * Thread-safe.
 */
abstract class LeastConnectionsSelector implements Selector {

    static final int FULL_SCAN_LIMIT = 8;
    /**
     * Own picks a thread may add to its view before it re-reads a count (when no request ended
     * meanwhile: any end makes the next pick re-read). Reading a count costs a cache miss on
     * both cores, because the other thread keeps writing it; at 64 the re-reads alone made two
     * picking threads slower than one. With 256 each thread's own picks stay balanced and it
     * misses at most 256 picks per other thread, and only while nothing finishes.
     */
    static final int VIEW_PICKS = 256;
    private static final int SLOTS = 8;

    final Backend[] members;
    final InFlightCounter[] inFlight;
    final long[] weights;
    /** The balancer's end count's cells ({@link InFlightCounter.Ends#count(long[])}). */
    private final long[] endsCells;
    private final AtomicReferenceArray<View> slots = new AtomicReferenceArray<>(SLOTS);
    private final ThreadLocal<View> views;

    /**
     * One thread's idea of the in-flight counts, and its pick count and tie-break state, all in
     * one array padded by two cache lines on each side: views are written on every pick, and two
     * threads' views allocated at the same moment can sit side by side in memory, where sharing
     * a cache line made two picking threads slower together than one alone.
     */
    static final class View {
        static final int PAD = 16;
        static final int PICKS = PAD;
        /** The balancer's end count at the start of the current pick. */
        static final int ENDS_NOW = PAD + 1;
        /** The xorshift state for tie-breaks (never zero). */
        static final int RANDOM = PAD + 2;
        /** Scan: the pick number and the end count when every count was last read. */
        static final int FULL_READ_AT = PAD + 3;
        static final int ENDS_AT_FULL_READ = PAD + 4;
        /** Scan: the member the scan starts from (moves on at each re-read). */
        static final int NEXT_FIRST = PAD + 5;
        /** Member i's count is at {@code LOADS + i}. */
        static final int LOADS = PAD + 6;

        final Thread owner;
        /** Two choices: member i's end count when last read is at {@code ended + i}, the pick number at {@code readAt + i}. */
        final int ended;
        final int readAt;
        final long[] s;

        View(Thread owner, int n) {
            this.owner = owner;
            ended = LOADS + n;
            readAt = ended + n;
            s = new long[readAt + n + PAD];
            s[NEXT_FIRST] = ThreadLocalRandom.current().nextInt(n);
            int seed = ThreadLocalRandom.current().nextInt();
            s[RANDOM] = seed != 0 ? seed : 0x9E3779B9;
            s[ENDS_AT_FULL_READ] = -1;
            Arrays.fill(s, readAt, readAt + n, -VIEW_PICKS - 1); // read on first use
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
        this.endsCells = members[0].inFlight.ends().cells();
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
        long[] state = view.s;
        state[View.PICKS]++;
        state[View.ENDS_NOW] = InFlightCounter.Ends.count(endsCells);
        int chosen = choose(view);
        state[View.LOADS + chosen]++;
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
            long[] v = view.s;
            if (v[View.ENDS_NOW] != v[View.ENDS_AT_FULL_READ] || v[View.PICKS] - v[View.FULL_READ_AT] > VIEW_PICKS) {
                // Up to eight members: one check per pick and, when stale, one read of them all
                // is cheaper than asking for each member.
                for (int i = 0; i < inFlight.length; i++) {
                    v[View.LOADS + i] = inFlight[i].sum();
                }
                v[View.ENDS_AT_FULL_READ] = v[View.ENDS_NOW];
                v[View.FULL_READ_AT] = v[View.PICKS];
                long next = v[View.NEXT_FIRST] + 1;
                v[View.NEXT_FIRST] = next == inFlight.length ? 0 : next;
            }
            long[] w = weights;
            int n = w.length;
            // The scan starts one member further after each re-read of the counts, so ties
            // between busy members go round-robin (as with nginx's least_conn) whenever requests
            // end, and stay put, predictable for the branch predictor, while only picks happen.
            int best = (int) v[View.NEXT_FIRST];
            long bestLoad = v[View.LOADS + best];
            long bestWeight = w[best];
            long tiedWeight = bestWeight;
            for (int k = 1, i = best + 1; k < n; k++, i++) {
                if (i == n) {
                    i = 0;
                }
                long load = v[View.LOADS + i];
                long cmp = load * bestWeight - bestLoad * w[i];
                if (cmp < 0) {
                    best = i;
                    bestLoad = load;
                    bestWeight = w[i];
                    tiedWeight = bestWeight;
                } else if (cmp == 0 && load == 0) {
                    // Idle members tie: weighted reservoir sampling over them, from this thread's
                    // xorshift sequence, so an idle fleet gets traffic by weight. Busy members
                    // that tie keep the first in this pick's order: equally loaded per weight,
                    // either is right, and the rotating order costs no mispredicted branch
                    // (random ones were a quarter of a pick).
                    int r = xorshift((int) v[View.RANDOM]);
                    v[View.RANDOM] = r;
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
        long[] v = view.s;
        if (v[view.ended + i] != v[View.ENDS_NOW] || v[View.PICKS] - v[view.readAt + i] > VIEW_PICKS) {
            v[view.ended + i] = v[View.ENDS_NOW];
            v[view.readAt + i] = v[View.PICKS];
            v[View.LOADS + i] = inFlight[i].sum();
        }
        return v[View.LOADS + i];
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
