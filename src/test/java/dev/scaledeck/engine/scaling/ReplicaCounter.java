package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.scaling.platform.PlatformException;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A platform that only keeps a replica count, for the auto-scaler's own tests (the real
 * platforms have tests of their own against real servers). Failures can be queued.
 */
final class ReplicaCounter implements ScalingPlatform {

    private int desired;
    private final Deque<PlatformException> failures = new ArrayDeque<>();
    final List<Integer> calls = new ArrayList<>();

    ReplicaCounter(int desired) {
        this.desired = desired;
    }

    synchronized void failNext(PlatformException e) {
        failures.add(e);
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public String target() {
        return "the counter";
    }

    @Override
    public List<PlatformInstance> instances() {
        return List.of();
    }

    @Override
    public synchronized ReplicaStatus replicas() {
        return new ReplicaStatus(desired, desired);
    }

    @Override
    public synchronized void scaleTo(int replicas) {
        calls.add(replicas);
        PlatformException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        desired = replicas;
    }
}
