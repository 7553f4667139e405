package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * instance-crash: the newest running instance stops at its address, as a crashed process
 * leaves it. Markers committed before measure the data lost (none expected: the database is
 * untouched). The cleanup starts the instance again, puts it back in rotation and scales back
 * to the count before the drill, so the environment ends as it began. Not thread-safe: one run
 * thread uses it.
 */
final class InstanceCrashDrill extends MarkedDrill {

    private static final long PROBE_WAIT_SECONDS = 10;

    private final ScalingPlatform platform;
    private String instance;
    private int desiredBefore;

    InstanceCrashDrill(ScalingEngine engine, ScalingPlatform platform) {
        super(engine);
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    @Override
    public String describe() {
        return "Stops the newest running instance of " + platform.target() + " (" + platform.name()
                + " platform) at its address, as a crashed process would leave it";
    }

    @Override
    void check() {
        instance = platform.instances().stream().filter(PlatformInstance::running).reduce((older, newer) -> newer)
                .map(PlatformInstance::id)
                .orElseThrow(() -> new IllegalStateException("no running instance on the " + platform.name()
                        + " platform to crash"));
        desiredBefore = platform.replicas().desired();
    }

    /** No parameters: the plan's own default ({@code instance: unhealthy}) finds the crashed instance. */
    @Override
    void injectFault() throws Exception {
        platform.stop(instance);
    }

    @Override
    void undo(List<String> done) {
        if (instance != null) {
            startAgain(done);
            backInRotation(done);
            scaleBack(done);
        }
    }

    private void startAgain(List<String> done) {
        Optional<PlatformInstance> now = platform.instances().stream().filter(i -> i.id().equals(instance)).findFirst();
        if (now.isEmpty()) {
            done.add(instance + " is no longer on the platform (the plan replaced it)");
            return;
        }
        if (now.get().running()) {
            return;
        }
        try {
            platform.start(instance);
            done.add("started " + instance + " again at " + now.get().url());
            engine.probeInstances().get(PROBE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.add("interrupted while starting " + instance + " again");
        } catch (Exception e) {
            done.add("could not start " + instance + " again: " + e.getMessage());
        }
    }

    private void backInRotation(List<String> done) {
        InstanceStats stats = engine.balancer().stats().instance(instance);
        if (stats == null || stats.state() != InstanceHealth.EJECTED) {
            return;
        }
        try {
            engine.balancer().restore(instance);
            done.add("put " + instance + " back in the balancer's rotation");
        } catch (RuntimeException e) {
            done.add("could not put " + instance + " back in rotation: " + e.getMessage());
        }
    }

    private void scaleBack(List<String> done) {
        try {
            int desired = platform.replicas().desired();
            if (desired != desiredBefore) {
                engine.autoScaler().scaleTo(desiredBefore, "drill cleanup");
                done.add("scaled back from " + desired + " to " + desiredBefore + " instance(s), the count before the drill");
            }
        } catch (RuntimeException e) {
            done.add("could not scale back to " + desiredBefore + " instance(s): " + e.getMessage());
        }
    }
}
