package dev.scaledeck.engine.balancer;

/**
 * Smooth weighted round-robin: walks a precomputed {@link SmoothWeightedSchedule} cycle with a
 * {@link StripedCursor}. Thread-safe, lock-free.
 */
final class SmoothWeightedSelector implements Selector {

    private final Backend[] schedule;
    private final StripedCursor cursor;

    SmoothWeightedSelector(Backend[] members, int[] weights, StripedCursor cursor) {
        int[] cycle = SmoothWeightedSchedule.cycle(weights);
        this.schedule = new Backend[cycle.length];
        for (int i = 0; i < cycle.length; i++) {
            schedule[i] = members[cycle[i]];
        }
        this.cursor = cursor;
    }

    @Override
    public Backend select(int attempt) {
        return schedule[cursor.next() % schedule.length];
    }
}
