package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Passive outlier detection, as Envoy does it: an instance whose requests fail
 * {@code outlierConsecutiveFailures} times in a row (5xx, connect, timeout) is ejected for
 * {@code baseEjectionTime x 2^(k-1)}, k being how often it has been ejected, capped at
 * {@code maxEjectionTime}; never so that more than {@code maxEjectedPercent} of the instances
 * are ejected (a skipped ejection is journalled). Counting is lock-free; deciding an ejection
 * takes this object's lock so two concurrent ejections cannot both pass the percentage check.
 * Thread-safe.
 */
final class OutlierDetector {

    private final BalancerConfig config;
    private final Clock clock;
    private final EventJournal journal;

    OutlierDetector(BalancerConfig config, Clock clock, EventJournal journal) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
    }

    /** A request the instance served: the run of failures is broken. */
    void onSuccess(Backend b) {
        if (b.consecutiveFailures.get() != 0) {
            b.consecutiveFailures.set(0);
        }
    }

    /**
     * A failed request. Only a HEALTHY instance's failures count: late answers from requests sent
     * before it was ejected must not extend the run.
     *
     * @return whether the instance was ejected by this failure
     */
    boolean onFailure(Backend b, FailureKind kind, List<Backend> all) {
        if (!kind.outlierSignal() || b.health.state() != InstanceHealth.HEALTHY) {
            return false;
        }
        if (b.consecutiveFailures.incrementAndGet() < config.outlierConsecutiveFailures()) {
            return false;
        }
        Decision decision = decide(b, kind, all);
        // Journal outside the lock: journal listeners must not run under it.
        if (decision.move() != null) {
            b.health.announce(decision.move());
        }
        if (decision.skipped() != null) {
            journal.record(decision.skipped());
        }
        return decision.move() != null;
    }

    private synchronized Decision decide(Backend b, FailureKind kind, List<Backend> all) {
        int failures = b.consecutiveFailures.getAndSet(0);
        if (failures < config.outlierConsecutiveFailures() || b.health.state() != InstanceHealth.HEALTHY) {
            return Decision.NONE; // a concurrent failure already decided
        }
        int total = 0;
        int ejected = 0;
        for (Backend other : all) {
            InstanceHealth s = other.health.state();
            if (s.servesInPanic()) {
                total++;
                if (s == InstanceHealth.EJECTED) {
                    ejected++;
                }
            }
        }
        Instant now = clock.instant();
        if ((ejected + 1) * 100L > (long) config.maxEjectedPercent() * total) {
            return new Decision(null, new EngineEvent(now, "instance", "ejection-skipped", b.id(),
                    "Instance " + b.id() + " failed " + failures + " times in a row (last " + kind
                            + "), but ejection skipped: " + ejected + " of " + total + " already ejected (at most "
                            + config.maxEjectedPercent() + "% may be)"));
        }
        int k = b.timesEjected + 1;
        Duration duration = ejectionTime(k);
        InstanceStateMachine.Move move = b.health.moveIfUnannounced(InstanceHealth.HEALTHY, InstanceHealth.EJECTED,
                failures + " consecutive failures (last " + kind + "); ejected for " + Durations.format(duration)
                        + " (ejection #" + k + ")");
        if (move == null) {
            return Decision.NONE;
        }
        b.timesEjected = k;
        // Set after the move: until then the tick sees an ejection without an end and leaves it.
        b.ejectedUntil = now.plus(duration);
        return new Decision(move, null);
    }

    /** {@code base x 2^(k-1)}, capped at the maximum. */
    Duration ejectionTime(int k) {
        Duration max = config.maxEjectionTime();
        Duration time = config.baseEjectionTime();
        for (int i = 1; i < k && time.compareTo(max) < 0; i++) {
            time = time.multipliedBy(2); // stops at the cap, so no overflow however large k grows
        }
        return time.compareTo(max) > 0 ? max : time;
    }

    /**
     * Whether a passive ejection of this instance is over at {@code now}. Operator ejections
     * ({@code ejectedUntil == null}) never are.
     */
    boolean ejectionOver(Backend b, Instant now) {
        Instant until = b.ejectedUntil;
        return until != null && !now.isBefore(until) && b.health.state() == InstanceHealth.EJECTED;
    }

    /** What {@link #decide} concluded: an ejection made, a skip to journal, or nothing. */
    private record Decision(InstanceStateMachine.Move move, EngineEvent skipped) {
        static final Decision NONE = new Decision(null, null);
    }
}
