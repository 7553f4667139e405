package dev.scaledeck.engine.balancer;

/**
 * One full cycle of nginx's smooth weighted round-robin, computed ahead: each step adds every
 * weight to its instance's running score, picks the highest score (the first on ties) and takes
 * the total weight off the winner. Weights 5, 1, 1 give {@code 0 0 1 0 2 0 0}. Walking the cycle
 * with an atomic counter gives the same sequence as nginx's locked loop without a lock.
 * Stateless.
 */
final class SmoothWeightedSchedule {

    /** Longest cycle kept; larger weight sums are scaled down (ratios kept to within 1/MAX). */
    static final int MAX_LENGTH = 1 << 16;

    private SmoothWeightedSchedule() {
    }

    /**
     * @param weights positive integer weights, already reduced (see {@link #reduce(long[])})
     * @return the instance index for each step of one cycle, {@code sum(weights)} steps long
     */
    static int[] cycle(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] cycle = new int[total];
        long[] current = new long[weights.length];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle[step] = best;
        }
        return cycle;
    }

    /**
     * Divides the weights by their greatest common divisor (so 500, 100, 100 cycles as 5, 1, 1)
     * and, if the sum is still above {@link #MAX_LENGTH}, scales them down proportionally,
     * keeping every weight at least 1.
     */
    static int[] reduce(long[] weights) {
        long gcd = 0;
        for (long w : weights) {
            gcd = gcd(gcd, w);
        }
        long sum = 0;
        for (long w : weights) {
            sum += w / gcd;
        }
        double scale = sum > MAX_LENGTH ? (double) MAX_LENGTH / sum : 1.0;
        int[] reduced = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            reduced[i] = (int) Math.max(1, Math.round(weights[i] / gcd * scale));
        }
        return reduced;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
