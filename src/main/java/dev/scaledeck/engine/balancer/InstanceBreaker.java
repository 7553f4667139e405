package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One instance's Resilience4j circuit breaker, configured from {@link BalancerConfig} and run on
 * the engine clock. Resilience4j moves CLOSED to OPEN and HALF_OPEN to CLOSED or OPEN as results
 * arrive; OPEN to HALF_OPEN is made by {@link #halfOpenIfDue(Instant)} from the balancer's tick,
 * so no breaker owns a thread and tests move a fake clock. Every transition is journalled
 * (category {@code breaker}) and then reported to the balancer.
 *
 * <p>Transitions are observed after each call into the breaker rather than through its event
 * publisher: once any consumer is registered, Resilience4j builds an event object (with a
 * {@code ZonedDateTime}) for every recorded call, which would dominate the cost of completing a
 * pick. Only our calls change the breaker's state, so looking right after each one sees every
 * change (two changes racing on different threads may be reported as one). Thread-safe.
 */
final class InstanceBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceBreaker.class);

    private final String id;
    private final CircuitBreaker breaker;
    private final Duration openWait;
    private final Clock clock;
    private final EventJournal journal;
    private final Runnable onTransition;
    /** The state last journalled; a transition is announced by whoever moves this reference. */
    private final AtomicReference<CircuitBreaker.State> known = new AtomicReference<>(CircuitBreaker.State.CLOSED);
    private volatile Instant openedAt;

    InstanceBreaker(String id, BalancerConfig config, Clock clock, EventJournal journal, Runnable onTransition) {
        this.id = id;
        this.clock = clock;
        this.journal = journal;
        this.onTransition = onTransition;
        this.openWait = config.breakerOpenWait();
        int window = Math.max(config.breakerMinimumCalls(), 100);
        CircuitBreakerConfig r4j = CircuitBreakerConfig.custom()
                .failureRateThreshold((float) config.breakerFailureRateThreshold())
                .slowCallRateThreshold((float) config.breakerSlowCallRateThreshold())
                .slowCallDurationThreshold(config.breakerSlowCallThreshold())
                .slidingWindow(window, config.breakerMinimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED,
                        // LOCK_FREE measured ~10x slower per recorded call than SYNCHRONIZED (Resilience4j 2.3.0).
                        CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .waitDurationInOpenState(config.breakerOpenWait())
                .permittedNumberOfCallsInHalfOpenState(config.breakerHalfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
        this.breaker = CircuitBreaker.of("instance-" + id, r4j);
    }

    /** Journals and reports a transition made by the call just before, if there was one. */
    private void observe() {
        CircuitBreaker.State now = breaker.getState();
        CircuitBreaker.State before = known.get();
        if (now == before || !known.compareAndSet(before, now)) {
            return;
        }
        try {
            announce(before, now);
            onTransition.run();
        } catch (RuntimeException e) {
            LOG.warn("Breaker transition handling failed for instance {}", id, e);
        }
    }

    private void announce(CircuitBreaker.State from, CircuitBreaker.State to) {
        Instant now = clock.instant();
        if (BreakerState.of(to) == BreakerState.OPEN) {
            openedAt = now;
        }
        CircuitBreaker.Metrics m = breaker.getMetrics();
        String why = to == CircuitBreaker.State.HALF_OPEN
                ? "open wait of " + Durations.format(openWait) + " passed; "
                + breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState() + " trial calls allowed"
                : String.format(Locale.ROOT, "failure rate %.1f%%, slow-call rate %.1f%% over %d calls",
                Math.max(0, m.getFailureRate()), Math.max(0, m.getSlowCallRate()), m.getNumberOfBufferedCalls());
        journal.record(new EngineEvent(now, "breaker", to.name().toLowerCase(Locale.ROOT), id,
                "Circuit breaker of " + id + " " + from + " -> " + to + ": " + why));
    }

    BreakerState state() {
        return BreakerState.of(breaker.getState());
    }

    /** Asks for a call permit: always granted when closed, limited when half-open, refused when open. */
    boolean tryAcquire() {
        if (breaker.tryAcquirePermission()) {
            return true;
        }
        observe(); // an open breaker whose wait is over moves to half-open when asked
        return false;
    }

    void onSuccess(Duration latency) {
        breaker.onSuccess(Math.max(0, latency.toNanos()), TimeUnit.NANOSECONDS);
        observe();
    }

    void onFailure(Duration latency, FailureKind kind) {
        breaker.onError(Math.max(0, latency.toNanos()), TimeUnit.NANOSECONDS, InstanceFailure.of(kind));
        observe();
    }

    /**
     * Moves an open breaker to half-open once the open wait has passed.
     *
     * @return whether it moved
     */
    boolean halfOpenIfDue(Instant now) {
        Instant opened = openedAt;
        if (breaker.getState() != CircuitBreaker.State.OPEN || opened == null || now.isBefore(opened.plus(openWait))) {
            return false;
        }
        try {
            breaker.transitionToHalfOpenState();
        } catch (IllegalStateException e) {
            return false; // a concurrent tick got there first
        } finally {
            observe();
        }
        return true;
    }

    /** The failure reported to Resilience4j: one shared instance per kind, without a stack trace. */
    static final class InstanceFailure extends RuntimeException {
        private static final InstanceFailure[] BY_KIND = new InstanceFailure[FailureKind.values().length];

        static {
            for (FailureKind k : FailureKind.values()) {
                BY_KIND[k.ordinal()] = new InstanceFailure(k);
            }
        }

        private InstanceFailure(FailureKind kind) {
            super(kind.name(), null, false, false);
        }

        static InstanceFailure of(FailureKind kind) {
            return BY_KIND[kind.ordinal()];
        }
    }
}
