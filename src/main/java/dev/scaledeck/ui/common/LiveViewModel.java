package dev.scaledeck.ui.common;

import dev.scaledeck.engine.ScalingEngine;

/**
 * A view model the sampler keeps live. Both methods run on the UI thread.
 */
public interface LiveViewModel {

    /** The engine runs; keep it for commands. Called once, before the first {@link #update}. */
    default void engineStarted(ScalingEngine engine) {
    }

    /**
     * The engine runs on its environment: what the shell calls. By default passes the engine on to
     * {@link #engineStarted(ScalingEngine)}; a view model that uses what the environment offers
     * (its traffic dial) overrides this.
     */
    default void engineStarted(dev.scaledeck.engine.LaunchedEngine launched) {
        engineStarted(launched.engine());
    }

    /** One sampler tick: take what this view shows from {@code snapshot}. Must be quick. */
    void update(EngineSnapshot snapshot);
}
