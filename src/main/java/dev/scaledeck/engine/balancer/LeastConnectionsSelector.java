package dev.scaledeck.engine.balancer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Weighted least connections: the member with the fewest requests in flight per unit of weight
 * ({@code inFlight / weight}, compared by cross-multiplying). Up to {@link #FULL_SCAN_LIMIT}
 * members every one is looked at and ties go to a weight-proportional random choice (so an idle
 * fleet still gets traffic by weight); above it, two distinct members drawn at random are
 * compared ("power of two choices"), which is O(1) and nearly as good. Retries after a refused
 * permit take a random member. Reads in-flight counts without locking, so concurrent picks can
 * race to the same idle member; that is the usual, harmless imprecision. Thread-safe.
 */
final class LeastConnectionsSelector implements Selector {

    static final int FULL_SCAN_LIMIT = 8;

    private final Backend[] members;
    private final InFlightCounter[] inFlight;
    private final long[] weights;

    LeastConnectionsSelector(Backend[] members, int[] weights) {
        this.members = members;
        this.inFlight = new InFlightCounter[members.length];
        this.weights = new long[weights.length];
        for (int i = 0; i < members.length; i++) {
            this.inFlight[i] = members[i].inFlight;
            this.weights[i] = weights[i];
        }
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
        InFlightCounter[] counters = inFlight;
        long[] w = weights;
        int best = 0;
        long bestLoad = counters[0].sum();
        long bestWeight = w[0];
        long tiedWeight = bestWeight;
        int random = 0;
        for (int i = 1; i < counters.length; i++) {
            long load = counters[i].sum();
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
        return best;
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
