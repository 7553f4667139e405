package dev.scaledeck.engine.balancer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Weighted least connections: the member with the fewest requests in flight per unit of weight
 * ({@code inFlight / weight}, compared by cross-multiplying). Up to {@link #FULL_SCAN_LIMIT}
 * members every one is looked at and ties go to a weight-proportional random choice (so an idle
 * fleet still gets traffic by weight); above it, two distinct members drawn at random are
 * compared ("power of two choices"), which is O(1) and nearly as good. Retries after a refused
 * permit take a random member. Reads in-flight counts without locking, so concurrent picks can
 * race to the same idle member; that is the usual, harmless imprecision.
 *
 * <p>The full scan works on a per-thread view of the counts, re-read whenever any member's
 * request ended since (so a freed instance is seen at once) and at least every
 * {@link #VIEW_PICKS} picks; between re-reads the thread adds its own picks to the view. This
 * keeps a pick from reading the counters other cores keep writing, which is what made least
 * connections slow under concurrent picking. Thread-safe.
 */
final class LeastConnectionsSelector implements Selector {

    static final int FULL_SCAN_LIMIT = 8;
    /** Own picks a thread may add to its view before it re-reads every count. */
    static final int VIEW_PICKS = 64;

    private final Backend[] members;
    private final InFlightCounter[] inFlight;
    private final long[] weights;
    private final ThreadLocal<View> views;

    /** One thread's idea of the in-flight counts. */
    private static final class View {
        final long[] loads;
        final long[] ended;
        int picks = VIEW_PICKS;

        View(int n) {
            loads = new long[n];
            ended = new long[n];
        }
    }

    LeastConnectionsSelector(Backend[] members, int[] weights) {
        this.members = members;
        this.inFlight = new InFlightCounter[members.length];
        this.weights = new long[weights.length];
        for (int i = 0; i < members.length; i++) {
            this.inFlight[i] = members[i].inFlight;
            this.weights[i] = weights[i];
        }
        int n = members.length;
        this.views = ThreadLocal.withInitial(() -> new View(n));
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
        return members[n <= FULL_SCAN_LIMIT ? scan() : twoChoices()];
    }

    private int scan() {
        long[] loads = currentView();
        long[] w = weights;
        int best = 0;
        long bestLoad = loads[0];
        long bestWeight = w[0];
        long tiedWeight = bestWeight;
        int random = 0;
        for (int i = 1; i < loads.length; i++) {
            long load = loads[i];
            long cmp = load * bestWeight - bestLoad * w[i];
            if (cmp < 0) {
                best = i;
                bestLoad = load;
                bestWeight = w[i];
                tiedWeight = bestWeight;
            } else if (cmp == 0) {
                // Weighted reservoir sampling over the tied members; one random draw per pick,
                // stretched by xorshift for further ties.
                random = random == 0 ? seed() : xorshift(random);
                tiedWeight += w[i];
                if (below(random, tiedWeight) < w[i]) {
                    best = i;
                    bestLoad = load;
                    bestWeight = w[i];
                }
            }
        }
        loads[best]++;
        return best;
    }

    /** This thread's view of the counts, re-read when a request ended or after {@link #VIEW_PICKS} own picks. */
    private long[] currentView() {
        View view = views.get();
        InFlightCounter[] counters = inFlight;
        boolean stale = ++view.picks > VIEW_PICKS;
        for (int i = 0; i < counters.length && !stale; i++) {
            stale = counters[i].ended() != view.ended[i];
        }
        if (stale) {
            for (int i = 0; i < counters.length; i++) {
                view.ended[i] = counters[i].ended();
                view.loads[i] = counters[i].sum();
            }
            view.picks = 0;
        }
        return view.loads;
    }

    private int twoChoices() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = members.length;
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++; // distinct from a, still uniform
        }
        long cmp = inFlight[a].sum() * weights[b] - inFlight[b].sum() * weights[a];
        if (cmp == 0) {
            return below(random.nextInt(), weights[a] + weights[b]) < weights[a] ? a : b;
        }
        return cmp < 0 ? a : b;
    }

    /**
     * Maps a random int onto {@code [0, bound)} by multiplying instead of dividing (Lemire); the
     * bias is below bound / 2^32, and effective weights sum to at most 2^16.
     */
    private static long below(int random, long bound) {
        return ((random & 0xFFFFFFFFL) * bound) >>> 32;
    }

    /** A random non-zero int (xorshift stays at zero once there). */
    private static int seed() {
        int r = ThreadLocalRandom.current().nextInt();
        return r != 0 ? r : 0x9E3779B9;
    }

    private static int xorshift(int x) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x;
    }
}
