package dev.scaledeck.engine.scaling.platform;

import java.util.List;
import java.util.Optional;

/**
 * Where the application's instances run, as far as the engine may act on them: the embedded
 * sample instances ({@code local}), a Kubernetes Deployment, a Docker Swarm service, or Vercel
 * (which scales by itself). Implementations are thread-safe. Calls to remote platforms may block
 * for a network round trip and report failure as a {@link PlatformException} naming the
 * platform, the operation and the cause; the caller retries, never the platform silently.
 */
public interface ScalingPlatform {

    /** Short name for the window and events, e.g. {@code local}, {@code kubernetes}. */
    String name();

    /**
     * What is scaled, for messages: {@code Deployment shop/n8n-converter},
     * {@code service n8n-converter}, {@code 3 sample instances}.
     */
    String target();

    /** Every instance the platform knows, running or stopped, oldest first. */
    List<PlatformInstance> instances();

    /** The replica count asked for and how many are ready to take traffic, now. */
    ReplicaStatus replicas();

    /**
     * Asks for this many replicas. Returns once the platform has accepted the change, not when
     * the new replicas are ready ({@link #replicas()} tells that).
     *
     * @throws IllegalArgumentException when {@code replicas} is negative
     * @throws UnsupportedOperationException when {@link #managedScaling()} is present
     * @throws PlatformException        when the platform refused or could not be reached
     */
    void scaleTo(int replicas);

    /**
     * Present when the platform scales by itself and takes no replica count (Vercel): the
     * sentence that says so, for the window and the CLI.
     */
    default Optional<String> managedScaling() {
        return Optional.empty();
    }

    /**
     * Whether {@link #instances()} is where the balancer should learn the instances' addresses
     * (Kubernetes pods, Swarm tasks); false when the instances are already known another way.
     */
    default boolean discoversInstances() {
        return false;
    }

    /**
     * Whether the instances live inside this process (the embedded sample instances) and end with
     * it, so a change made by a short-lived command would not last.
     */
    default boolean inProcess() {
        return false;
    }

    /** Whether {@link #stop} and {@link #start} act on one instance. */
    default boolean canStopInstances() {
        return false;
    }

    /**
     * Stops an instance but keeps it known (same id and address), as a crash would leave it.
     *
     * @throws IllegalArgumentException naming the id when there is no such instance
     * @throws UnsupportedOperationException when {@link #canStopInstances()} is false
     */
    default void stop(String id) throws Exception {
        throw new UnsupportedOperationException("the " + name() + " platform does not stop single instances");
    }

    /**
     * Starts a stopped instance again at the same address.
     *
     * @throws IllegalArgumentException naming the id when there is no such instance
     * @throws UnsupportedOperationException when {@link #canStopInstances()} is false
     */
    default void start(String id) throws Exception {
        throw new UnsupportedOperationException("the " + name() + " platform does not start single instances");
    }
}
