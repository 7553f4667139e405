package dev.scaledeck.engine.balancer;

import java.time.Instant;
import java.util.Objects;

/**
 * An instance's state with the reason it is in it and since when. Immutable.
 *
 * @param state  where the instance stands
 * @param reason why, for a person ("5 consecutive failures (last HTTP_5XX)")
 * @param since  when it entered the state, by the engine clock
 */
record InstanceCondition(InstanceHealth state, String reason, Instant since) {

    InstanceCondition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
