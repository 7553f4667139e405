package dev.scaledeck.engine.recovery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a runbook run is. The legal moves are in {@link #canMoveTo}; {@code RUNNING} is the only
 * state with a way out, and a run found {@code RUNNING} in its journal with no process behind it
 * is {@code INTERRUPTED}.
 */
public enum RunState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    INTERRUPTED;

    private static final Map<RunState, Set<RunState>> LEGAL = Map.of(
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, INTERRUPTED),
            SUCCEEDED, EnumSet.noneOf(RunState.class),
            FAILED, EnumSet.noneOf(RunState.class),
            CANCELLED, EnumSet.noneOf(RunState.class),
            INTERRUPTED, EnumSet.noneOf(RunState.class));

    public boolean canMoveTo(RunState next) {
        return LEGAL.get(this).contains(next);
    }

    public boolean finished() {
        return this != RUNNING;
    }
}
