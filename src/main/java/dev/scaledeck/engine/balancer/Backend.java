package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.InstanceSpec;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the balancer keeps about one instance: its spec, health state machine, circuit
 * breaker, traffic figures, in-flight count, slow-start ramp and ejection record. Fields are
 * atomics or volatile; the {@link LoadBalancer} coordinates changes that span several of them.
 * Thread-safe.
 */
final class Backend {

    /** May this instance be handed a new request, as decided by the last rotation rebuild. */
    enum Admission {
        /** In the rotation; the breaker is asked for a permit (free when closed). */
        ROTATION,
        /** Out of the rotation but not draining: only a panicking balancer may use it. */
        PANIC_ONLY,
        /** Draining or removed: never. */
        NEVER
    }

    final InstanceSpec spec;
    final InstanceStateMachine health;
    final InstanceBreaker breaker;
    final TrafficRecorder traffic;
    final InFlightCounter inFlight;
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    final CompletableFuture<Void> drained = new CompletableFuture<>();

    volatile Admission admission = Admission.ROTATION;
    /** When the current slow-start ramp began; null at full weight. */
    volatile Instant rampStart;
    /** What the active probes last concluded; an instance returning from ejection goes back to it. */
    volatile boolean probesHealthy = true;
    /** When a passive ejection ends; null for an operator ejection (until restored) or when not ejected. */
    volatile Instant ejectedUntil;
    /** How many times outlier detection has ejected this instance (the k in base x 2^(k-1)). */
    volatile int timesEjected;

    Backend(InstanceSpec spec, InstanceStateMachine health, InstanceBreaker breaker, TrafficRecorder traffic,
            InFlightCounter.Ends ends) {
        this.spec = spec;
        this.inFlight = new InFlightCounter(ends);
        this.health = health;
        this.breaker = breaker;
        this.traffic = traffic;
    }

    String id() {
        return spec.id();
    }

    /** Ends one request: the drain completes when the last request of a draining instance ends. */
    void release() {
        inFlight.decrement();
        if (admission == Admission.NEVER && inFlight.sum() == 0) {
            drained.complete(null);
        }
    }

    /** Completes the drain if nothing is in flight; called after the instance stopped taking requests. */
    void completeDrainIfIdle() {
        if (inFlight.sum() == 0) {
            drained.complete(null);
        }
    }

    /** One line saying why the instance takes no traffic, for {@link NoHealthyInstanceException}. */
    String whyOut() {
        InstanceCondition c = health.condition();
        if (c.state() == InstanceHealth.HEALTHY) {
            BreakerState b = breaker.state();
            return id() + " is HEALTHY but its circuit breaker is " + b
                    + (b == BreakerState.HALF_OPEN ? " with every trial call in flight" : "");
        }
        return id() + " is " + c.state() + " (" + c.reason() + ")";
    }
}
