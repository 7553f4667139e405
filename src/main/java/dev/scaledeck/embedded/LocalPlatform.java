package dev.scaledeck.embedded;

import dev.scaledeck.engine.scaling.platform.PlatformException;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code local} platform: the embedded sample instances of a {@link SampleFleet}. Scaling
 * up starts new instances (the balancer brings them in through slow start); scaling down takes
 * the newest instances out of traffic, waits until their requests have ended (at most
 * {@link #DRAIN_LIMIT}) and only then stops them. Thread-safe.
 */
public final class LocalPlatform implements ScalingPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    /** A draining instance is stopped after this long even if requests are still in flight. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final int MAX_REPLICAS = 64;

    private final SampleFleet fleet;
    private final Function<String, CompletableFuture<Void>> drain;
    private final Set<String> draining = new LinkedHashSet<>();

    /** A platform whose instances stop at once (no balancer to drain them through). */
    public LocalPlatform(SampleFleet fleet) {
        this(fleet, id -> CompletableFuture.completedFuture(null));
    }

    /**
     * @param drain takes an instance out of traffic; completes when its in-flight requests have
     *              ended (the engine's {@code removeInstance})
     */
    public LocalPlatform(SampleFleet fleet, Function<String, CompletableFuture<Void>> drain) {
        this.fleet = fleet;
        this.drain = drain;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String target() {
        return "the embedded sample instances";
    }

    /** Running and stopped instances, without those draining on the way out. */
    @Override
    public List<PlatformInstance> instances() {
        List<PlatformInstance> all = new ArrayList<>();
        Set<String> leaving = drainingNow();
        fleet.instances().forEach(i -> all.add(new PlatformInstance(i.id(), i.url(), true)));
        for (Map.Entry<String, URI> s : fleet.stopped().entrySet()) {
            all.add(new PlatformInstance(s.getKey(), s.getValue(), false));
        }
        all.removeIf(i -> leaving.contains(i.id()));
        all.sort(Comparator.comparingInt(i -> number(i.id())));
        return List.copyOf(all);
    }

    /** Desired: the instances kept (running or stopped); ready: those of them running. */
    @Override
    public ReplicaStatus replicas() {
        List<PlatformInstance> kept = instances();
        int ready = (int) kept.stream().filter(PlatformInstance::running).count();
        return new ReplicaStatus(kept.size(), ready);
    }

    @Override
    public synchronized void scaleTo(int replicas) {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 0 and " + MAX_REPLICAS
                    + " on the local platform, but was " + replicas);
        }
        List<PlatformInstance> kept = instances();
        if (replicas > kept.size()) {
            for (int i = kept.size(); i < replicas; i++) {
                try {
                    fleet.add();
                } catch (IOException | RuntimeException e) {
                    throw new PlatformException(name(), "start sample instance " + (i + 1) + " of " + replicas,
                            e.getMessage() != null ? e.getMessage() : e.toString(), true, e);
                }
            }
            return;
        }
        // Stopped instances leave first, then the newest running ones.
        List<PlatformInstance> order = new ArrayList<>(kept);
        order.sort(Comparator.comparing(PlatformInstance::running)
                .thenComparing(Comparator.comparingInt((PlatformInstance i) -> number(i.id())).reversed()));
        for (PlatformInstance leaving : order.subList(0, kept.size() - replicas)) {
            retire(leaving);
        }
    }

    private void retire(PlatformInstance instance) {
        String id = instance.id();
        synchronized (draining) {
            draining.add(id);
        }
        CompletableFuture<Void> drained = instance.running()
                ? drain.apply(id).orTimeout(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                : CompletableFuture.completedFuture(null);
        drained.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("Sample instance {} still had requests after {}; stopping it anyway", id, DRAIN_LIMIT);
            }
            fleet.remove(id);
            synchronized (draining) {
                draining.remove(id);
            }
        });
    }

    private Set<String> drainingNow() {
        synchronized (draining) {
            return Set.copyOf(draining);
        }
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public boolean canStopInstances() {
        return true;
    }

    @Override
    public void stop(String id) {
        fleet.stop(id);
    }

    @Override
    public void start(String id) throws IOException {
        fleet.restart(id);
    }

    private static int number(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Integer.parseInt(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
