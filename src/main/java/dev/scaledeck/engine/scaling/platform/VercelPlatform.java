package dev.scaledeck.engine.scaling.platform;

import java.util.List;
import java.util.Optional;

/**
 * The {@code vercel} platform. Vercel runs as many function instances as traffic needs and has
 * no replica count to set or read, so this platform only says so: {@link #managedScaling()} is
 * present, {@link #scaleTo} is refused, and there are no instances to balance. What ScaleDeck
 * can change on Vercel is the functions' limits, through {@link VercelFunctionLimits}.
 * Immutable and thread-safe.
 */
public final class VercelPlatform implements ScalingPlatform {

    /** Why there is no replica count, for the window and the CLI. */
    public static final String MANAGED_SCALING =
            "Vercel scales functions by itself; ScaleDeck writes the function limits to vercel.json";

    /** A platform for the functions of the project whose vercel.json ScaleDeck maintains. */
    public VercelPlatform() {
        // Nothing to hold: Vercel is never called.
    }

    @Override
    public String name() {
        return "vercel";
    }

    @Override
    public String target() {
        return "Vercel functions";
    }

    /** Always empty: Vercel does not expose its function instances. */
    @Override
    public List<PlatformInstance> instances() {
        return List.of();
    }

    /**
     * Always {@code 0/0}, meaning "not applicable", not "scaled to zero": Vercel reports no
     * replica counts. Callers should check {@link #managedScaling()} first (it is present) and
     * show that sentence instead of counts; 0/0 keeps {@link ReplicaStatus#pending()} at 0 so
     * nothing looks stuck.
     */
    @Override
    public ReplicaStatus replicas() {
        return new ReplicaStatus(0, 0);
    }

    /** @throws UnsupportedOperationException always, with {@link #MANAGED_SCALING} as its message */
    @Override
    public void scaleTo(int replicas) {
        throw new UnsupportedOperationException(MANAGED_SCALING);
    }

    /** {@link #MANAGED_SCALING}. */
    @Override
    public Optional<String> managedScaling() {
        return Optional.of(MANAGED_SCALING);
    }
}
