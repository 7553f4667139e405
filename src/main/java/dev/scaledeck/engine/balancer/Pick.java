package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.InstanceSpec;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One request's claim on an instance, from {@link LoadBalancer#next()}. The request counts as in
 * flight until exactly one of {@link #success(Duration)} or {@link #failure(FailureKind, Duration)}
 * is called; that call updates the in-flight count, the instance's figures, its circuit breaker
 * and passive outlier detection. Always complete a pick (in a {@code finally} if need be), or the
 * instance looks busy forever and a drain never ends. Thread-safe: it may be completed on any
 * thread; a second completion is refused.
 */
public final class Pick {

    private static final AtomicIntegerFieldUpdater<Pick> DONE = AtomicIntegerFieldUpdater.newUpdater(Pick.class, "done");

    private final Backend backend;
    private final PickOutcomes outcomes;
    private final boolean breakerPermit;
    private final boolean panic;
    private volatile int done;

    Pick(Backend backend, PickOutcomes outcomes, boolean breakerPermit, boolean panic) {
        this.backend = backend;
        this.outcomes = outcomes;
        this.breakerPermit = breakerPermit;
        this.panic = panic;
    }

    /** The instance to send the request to: id, url and configured weight. */
    public InstanceSpec instance() {
        return backend.spec;
    }

    /** Whether the balancer was panicking (no instance eligible, panic mode SPREAD) when it made this pick. */
    public boolean panic() {
        return panic;
    }

    /** The instance served the request (any 1xx-3xx answer) in {@code latency}. */
    public void success(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        complete();
        outcomes.complete(backend, breakerPermit, null, latency);
    }

    /**
     * The request failed. {@link FailureKind#HTTP_4XX} is the caller's fault and counts as served;
     * the other kinds count against the instance.
     */
    public void failure(FailureKind kind, Duration latency) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(latency, "latency");
        complete();
        outcomes.complete(backend, breakerPermit, kind, latency);
    }

    private void complete() {
        if (!DONE.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("The pick of instance " + backend.id() + " was already completed");
        }
    }

    @Override
    public String toString() {
        return "Pick[" + backend.id() + (done == 1 ? ", completed" : ", in flight") + "]";
    }
}
