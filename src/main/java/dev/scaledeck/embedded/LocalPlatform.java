package dev.scaledeck.embedded;

import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code local} platform: the embedded sample instances of a {@link SampleFleet}. Thread-safe. */
public final class LocalPlatform implements ScalingPlatform {

    private final SampleFleet fleet;

    public LocalPlatform(SampleFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<PlatformInstance> instances() {
        List<PlatformInstance> all = new ArrayList<>();
        fleet.instances().forEach(i -> all.add(new PlatformInstance(i.id(), i.url(), true)));
        for (Map.Entry<String, java.net.URI> s : fleet.stopped().entrySet()) {
            all.add(new PlatformInstance(s.getKey(), s.getValue(), false));
        }
        all.sort(java.util.Comparator.comparing(PlatformInstance::id));
        return List.copyOf(all);
    }

    @Override
    public void stop(String id) {
        fleet.stop(id);
    }

    @Override
    public void start(String id) throws java.io.IOException {
        fleet.restart(id);
    }
}
