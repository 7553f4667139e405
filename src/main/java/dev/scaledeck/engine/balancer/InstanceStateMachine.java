package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link InstanceHealth} of one instance: an atomic reference moved only along the legal
 * transitions of {@link InstanceHealth}, every move journalled as an {@link EngineEvent}
 * (category {@code instance}, type the new state in lower case, with the reason).
 * Thread-safe and lock-free; the event is recorded after the move, outside any lock.
 */
final class InstanceStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceStateMachine.class);

    private final String id;
    private final Clock clock;
    private final EventJournal journal;
    private final AtomicReference<InstanceCondition> current;

    InstanceStateMachine(String id, Clock clock, EventJournal journal, String reason) {
        this.id = id;
        this.clock = clock;
        this.journal = journal;
        this.current = new AtomicReference<>(new InstanceCondition(InstanceHealth.HEALTHY, reason, clock.instant()));
    }

    InstanceCondition condition() {
        return current.get();
    }

    InstanceHealth state() {
        return current.get().state();
    }

    /**
     * Moves from {@code expected} to {@code target} if the instance is still in {@code expected}.
     * For automatic moves (probes, outlier detection) that lose quietly to a concurrent change.
     *
     * @return whether this call made the move
     */
    boolean moveIf(InstanceHealth expected, InstanceHealth target, String reason) {
        Move move = moveIfUnannounced(expected, target, reason);
        if (move != null) {
            announce(move);
        }
        return move != null;
    }

    /**
     * As {@link #moveIf}, but the caller journals the move with {@link #announce(Move)} once it has
     * left its locks (journal listeners must not run under them).
     *
     * @return the move made, or null
     */
    Move moveIfUnannounced(InstanceHealth expected, InstanceHealth target, String reason) {
        if (!expected.canMoveTo(target)) {
            throw new IllegalArgumentException("illegal transition " + expected + " -> " + target);
        }
        InstanceCondition before = current.get();
        if (before.state() != expected) {
            return null;
        }
        InstanceCondition after = new InstanceCondition(target, reason, clock.instant());
        return current.compareAndSet(before, after) ? new Move(before, after) : null;
    }

    /**
     * Moves to {@code target} from whatever state the instance is in, for operator actions.
     *
     * @return the state the instance left
     * @throws IllegalStateException when the move is not legal from the current state, naming the
     *                               current state and the legal ones
     */
    InstanceHealth moveTo(InstanceHealth target, String reason) {
        while (true) {
            InstanceCondition before = current.get();
            if (!before.state().canMoveTo(target)) {
                throw new IllegalStateException("Instance " + id + " is " + before.state() + " (" + before.reason()
                        + "); it cannot become " + target + " (from " + before.state() + " it may become "
                        + (before.state().legalNext().isEmpty() ? "nothing" : before.state().legalNext()) + ")");
            }
            InstanceCondition after = new InstanceCondition(target, reason, clock.instant());
            if (current.compareAndSet(before, after)) {
                announce(new Move(before, after));
                return before.state();
            }
        }
    }

    /** Journals a move made by {@link #moveIfUnannounced}. */
    void announce(Move move) {
        InstanceCondition after = move.after();
        LOG.debug("Instance {}: {} -> {} ({})", id, move.before().state(), after.state(), after.reason());
        journal.record(new EngineEvent(after.since(), "instance", after.state().name().toLowerCase(Locale.ROOT), id,
                "Instance " + id + " " + move.before().state() + " -> " + after.state() + ": " + after.reason()));
    }

    /** One transition that happened. */
    record Move(InstanceCondition before, InstanceCondition after) {
    }
}
