package dev.scaledeck.ui.common;

import dev.scaledeck.engine.ScalingEngine;

/**
 * A view model the sampler keeps live. Both methods run on the UI thread.
 */
public interface LiveViewModel {

    /** The engine runs; keep it for commands. Called once, before the first {@link #update}. */
    default void engineStarted(ScalingEngine engine) {
    }

    /** One sampler tick: take what this view shows from {@code snapshot}. Must be quick. */
    void update(EngineSnapshot snapshot);
}
