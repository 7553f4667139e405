package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the balancer's instances equal to what a platform reports (Kubernetes pods, Swarm
 * tasks): new ones are added (through slow start) once the platform says they run (a pod that
 * has no IP yet has no address to probe), gone ones removed (after draining); one that stops
 * being ready stays, for the balancer's health probes to judge. Only instances it added are
 * ever removed, so instances named in configuration stay.
 * Thread-safe: rounds run one at a time.
 */
public final class PlatformDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformDiscovery.class);

    private final ScalingPlatform platform;
    private final Consumer<InstanceSpec> add;
    private final Function<String, CompletableFuture<Void>> remove;
    private final Map<String, InstanceSpec> known = new HashMap<>();

    public PlatformDiscovery(ScalingPlatform platform, Consumer<InstanceSpec> add,
                             Function<String, CompletableFuture<Void>> remove) {
        this.platform = platform;
        this.add = add;
        this.remove = remove;
    }

    /** One round: asks the platform and applies the difference. A failing platform is logged and changes nothing. */
    public synchronized void sync() {
        List<PlatformInstance> now;
        try {
            now = platform.instances();
        } catch (RuntimeException e) {
            LOG.warn("Could not list the {} platform's instances: {}", platform.name(), e.getMessage());
            return;
        }
        Set<String> ids = now.stream().map(PlatformInstance::id).collect(Collectors.toSet());
        for (String id : Set.copyOf(known.keySet())) {
            if (!ids.contains(id)) {
                known.remove(id);
                remove.apply(id);
            }
        }
        for (PlatformInstance i : now) {
            InstanceSpec spec = new InstanceSpec(i.id(), i.url(), 1);
            InstanceSpec before = known.get(i.id());
            if (before == null && !i.running()) {
                continue;
            }
            if (before != null && before.url().equals(i.url())) {
                continue;
            }
            known.put(i.id(), spec);
            if (before != null) {
                // Same id, new address (a Swarm slot's new task): the old one drains first.
                remove.apply(i.id()).whenComplete((done, error) -> add.accept(spec));
            } else {
                add.accept(spec);
            }
        }
    }

    /** The instances it added and still knows. A copy. */
    public Set<String> known() {
        return Set.copyOf(known.keySet());
    }
}
