package dev.scaledeck.engine.balancer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Rotation} from the instances as they stand: who is eligible (HEALTHY and breaker
 * not open), their effective weights under slow start, and the selector for the strategy. Also
 * sets each instance's {@link Backend.Admission}. Call it only under the balancer's rebuild lock,
 * which serialises rebuilds so the last published rotation always reflects the latest states.
 */
final class RotationPlanner {

    /**
     * Integer resolution of effective weights: weight 1 at 10 % of slow start becomes 10 against
     * 100 for a full-weight peer. The schedule divides the common factor out again.
     */
    static final int WEIGHT_SCALE = 100;

    private final SlowStart slowStart;
    private final StripedCursor cursor = new StripedCursor();

    RotationPlanner(SlowStart slowStart) {
        this.slowStart = slowStart;
    }

    Rotation plan(List<Backend> all, Strategy strategy, PanicMode panicMode, Instant now) {
        List<Backend> eligible = new ArrayList<>();
        List<Backend> panicPool = new ArrayList<>();
        for (Backend b : all) {
            InstanceHealth state = b.health.state();
            if (state == InstanceHealth.HEALTHY && b.breaker.state() != BreakerState.OPEN) {
                eligible.add(b);
                b.admission = Backend.Admission.ROTATION;
            } else if (state.servesInPanic()) {
                panicPool.add(b);
                b.admission = Backend.Admission.PANIC_ONLY;
            } else {
                b.admission = Backend.Admission.NEVER;
            }
        }
        boolean panic = eligible.isEmpty() && !panicPool.isEmpty();
        List<Backend> members = eligible;
        if (panic && panicMode == PanicMode.SPREAD) {
            members = panicPool;
        } else if (panic) {
            members = List.of();
        }
        if (members.isEmpty()) {
            return new Rotation(List.of(), new int[0], Selector.EMPTY, panic);
        }
        Backend[] array = members.toArray(new Backend[0]);
        long[] scaled = new long[array.length];
        for (int i = 0; i < array.length; i++) {
            scaled[i] = effectiveWeight(array[i], now);
        }
        int[] weights = SmoothWeightedSchedule.reduce(scaled);
        return new Rotation(List.of(array), weights, selector(strategy, array, weights), panic);
    }

    /** The weight this instance has now, times {@link #WEIGHT_SCALE}, at least 1. */
    long effectiveWeight(Backend b, Instant now) {
        double fraction = slowStart.fraction(b.rampStart, now);
        return Math.max(1, Math.round(b.spec.weight() * fraction * WEIGHT_SCALE));
    }

    private Selector selector(Strategy strategy, Backend[] members, int[] weights) {
        switch (strategy) {
            case LEAST_CONNECTIONS:
                return LeastConnectionsSelector.of(members, weights);
            case ROUND_ROBIN:
                return new RoundRobinSelector(members, cursor);
            default:
                return new SmoothWeightedSelector(members, weights, cursor);
        }
    }
}
