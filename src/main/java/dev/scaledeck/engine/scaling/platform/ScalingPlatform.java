package dev.scaledeck.engine.scaling.platform;

import java.util.List;

/**
 * Where the application's instances run, as far as the engine may act on them: the embedded
 * sample instances ({@code local}) now; Kubernetes and Docker Swarm later. Implementations are
 * thread-safe.
 */
public interface ScalingPlatform {

    /** Short name for the window and events, e.g. {@code local}. */
    String name();

    /** Every instance the platform knows, running or stopped, oldest first. */
    List<PlatformInstance> instances();

    /**
     * Stops an instance but keeps it known (same id and address), as a crash would leave it.
     *
     * @throws IllegalArgumentException naming the id when there is no such instance
     */
    void stop(String id) throws Exception;

    /**
     * Starts a stopped instance again at the same address.
     *
     * @throws IllegalArgumentException naming the id when there is no such instance
     */
    void start(String id) throws Exception;
}
