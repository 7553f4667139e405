package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.event.EngineEvent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * What the balancer does and says when no instance is eligible: the last-resort pick of SPREAD
 * mode, the message of {@link NoHealthyInstanceException}, and the events for entering and
 * leaving panic. Stateless apart from its configuration; thread-safe.
 */
final class PanicPolicy {

    private final PanicMode mode;
    private final PickOutcomes outcomes;

    PanicPolicy(PanicMode mode, PickOutcomes outcomes) {
        this.mode = mode;
        this.outcomes = outcomes;
    }

    /**
     * The rotation gave nothing (it is empty, or its breakers refused every try). SPREAD takes any
     * instance that is not draining; otherwise, or when there is none, the request fails.
     *
     * @throws NoHealthyInstanceException naming each instance and why it is out
     */
    Pick lastResort(List<Backend> all) {
        if (mode == PanicMode.SPREAD) {
            List<Backend> pool = all.stream().filter(b -> b.health.state().servesInPanic()).collect(Collectors.toList());
            if (!pool.isEmpty()) {
                Backend b = pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
                b.inFlight.increment();
                if (b.admission != Backend.Admission.NEVER) {
                    return new Pick(b, outcomes, false, true);
                }
                b.release();
            }
        }
        throw new NoHealthyInstanceException(whyNoneAvailable(all));
    }

    String whyNoneAvailable(List<Backend> all) {
        if (all.isEmpty()) {
            return "No instance can take the request: the balancer has no instances";
        }
        return "No instance can take the request (panic mode " + mode + "): "
                + all.stream().map(Backend::whyOut).collect(Collectors.joining("; "));
    }

    /** The event for a change of panic between two rotations, or null when there is none. */
    EngineEvent transition(Rotation previous, Rotation next, List<Backend> all, Instant now) {
        if (next.panic() && !previous.panic()) {
            return new EngineEvent(now, "balancer", "panic-entered", "balancer", "No instance is eligible; "
                    + (mode == PanicMode.SPREAD
                    ? "spreading requests over " + next.members().size() + " instances that are not draining"
                    : "requests fail") + ". " + whyNoneAvailable(all));
        }
        if (!next.panic() && previous.panic()) {
            return new EngineEvent(now, "balancer", "panic-left", "balancer", next.members().isEmpty()
                    ? "Panic over: no instances left"
                    : "Panic over: eligible again: " + next.members().stream().map(Backend::id)
                    .collect(Collectors.joining(", ")));
        }
        return null;
    }
}
