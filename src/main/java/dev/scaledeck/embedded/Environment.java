package dev.scaledeck.embedded;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceStatus;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@link EnvironmentLauncher} started, closed in reverse order. */
final class Environment implements LaunchedEngine {

    private static final Logger LOG = LoggerFactory.getLogger(Environment.class);

    private final Path home;
    EmbeddedDatabase database;
    ScalingEngine engine;
    SampleFleet fleet;
    LocalPlatform platform;
    AmbientTraffic ambient;
    /** How long each sample API request holds a worker (for the traffic dial's hint). */
    java.time.Duration serviceTime = java.time.Duration.ZERO;
    private boolean published;
    private EmbeddedManagedDatabase managed;

    Environment(Path home) {
        this.home = home;
    }

    @Override
    public ScalingEngine engine() {
        return engine;
    }

    /**
     * Keeps the engine's instance list equal to the fleet's members, running or stopped (a
     * stopped instance stays known, so the engine sees it fail rather than vanish), and
     * publishes them for other processes.
     */
    synchronized void syncInstances(List<PlatformInstance> members, boolean publish) {
        Set<String> ids = members.stream().map(PlatformInstance::id).collect(Collectors.toSet());
        for (InstanceStatus s : engine.instances().snapshot()) {
            if (!ids.contains(s.id())) {
                engine.removeInstance(s.id());
            }
        }
        Set<String> known = engine.instances().snapshot().stream().map(InstanceStatus::id).collect(Collectors.toSet());
        List<InstanceSpec> specs = members.stream().map(i -> new InstanceSpec(i.id(), i.url(), 1)).toList();
        specs.stream().filter(s -> !known.contains(s.id())).forEach(engine::addInstance);
        if (publish) {
            RunFile.write(home, specs);
            published = true;
        }
    }

    @Override
    public java.util.Optional<dev.scaledeck.engine.TrafficDial> traffic() {
        if (ambient == null) {
            return java.util.Optional.empty();
        }
        AmbientTraffic dial = ambient;
        java.time.Duration service = serviceTime;
        return java.util.Optional.of(new dev.scaledeck.engine.TrafficDial() {
            @Override
            public double rate() {
                return dial.rate();
            }

            @Override
            public void setRate(double requestsPerSecond) {
                dial.setRate(requestsPerSecond);
            }

            @Override
            public double maxRate() {
                return dial.maxRate();
            }

            @Override
            public String hint() {
                if (service.isZero()) {
                    return "The sample requests are light (embedded.serviceTime is 0ms): the instances barely get busy.";
                }
                long full = Math.round(SampleInstance.DEFAULT_WORKERS * 1000.0 / Math.max(1, service.toMillis()));
                return "Each sample instance has " + SampleInstance.DEFAULT_WORKERS + " workers holding a request about "
                        + service.toMillis() + " ms: it is fully busy at about " + full
                        + " requests/s, and above 80 % for 2 evaluations the auto-scaler adds one.";
            }
        });
    }

    /** Present when this process owns the embedded database. */
    @Override
    public synchronized java.util.Optional<dev.scaledeck.engine.recovery.ManagedDatabase> managedDatabase() {
        if (database == null || !database.owned() || engine == null) {
            return java.util.Optional.empty();
        }
        if (managed == null) {
            ScalingEngine running = engine;
            managed = new EmbeddedManagedDatabase(database, running::pool);
        }
        return java.util.Optional.of(managed);
    }

    @Override
    public String description() {
        String db = database == null ? "database " + engine.pool().maskedUrl()
                : (database.owned() ? "embedded PostgreSQL " : "embedded PostgreSQL of another ScaleDeck process ")
                + engine.pool().maskedUrl();
        if (fleet != null) {
            // The count changes as the auto-scaler works; the status bar shows it live.
            return db + ", sample instances on the local platform";
        }
        int instances = engine == null ? 0 : engine.instances().snapshot().size();
        return db + ", " + instances + " instance(s)";
    }

    @Override
    public void close() {
        closeQuietly(ambient, "ambient traffic");
        closeQuietly(fleet, "sample instances");
        synchronized (this) {
            if (published) {
                RunFile.delete(home);
                published = false;
            }
        }
        closeQuietly(engine, "engine");
        closeQuietly(database, "embedded database");
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed: {}", what, e.toString());
        }
    }
}
