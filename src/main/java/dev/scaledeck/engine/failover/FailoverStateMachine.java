package dev.scaledeck.engine.failover;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The failover decisions, with no I/O: counts consecutive healthy and failed checks per
 * endpoint and says when to switch. Fails over after {@code failAfter} failed checks of the
 * active endpoint, but only to a standby whose last check was healthy; fails back to the primary
 * after {@code failBackAfter} healthy checks of it in a row, so one good answer among failures
 * never brings the work back (no flapping). If the secondary itself fails {@code failAfter} times
 * while the primary answers, it fails back at once: an answering primary beats a dead secondary.
 *
 * <p>Every state change goes through the table of {@link FailoverState}. A decision to switch
 * moves the state to FAILING_OVER / FAILING_BACK at once, so of several threads observing
 * failures only one performs the switch. Thread-safe; it never calls out while holding its lock.
 */
final class FailoverStateMachine {

    /** What to do after an observation. */
    record Decision(Kind kind, EndpointRole target, String reason) {
        enum Kind { NONE, SWITCH, STRANDED }

        static final Decision NONE = new Decision(Kind.NONE, null, null);
    }

    private static final class Counts {
        final String display;
        int failures;
        int successes;
        boolean healthy;
        String detail;
        Instant checkedAt;

        Counts(String display) {
            this.display = display;
        }
    }

    private final String name;
    private final int failAfter;
    private final int failBackAfter;
    private final Clock clock;
    private final Map<EndpointRole, Counts> counts = new EnumMap<>(EndpointRole.class);
    private FailoverState state = FailoverState.ON_PRIMARY;
    private Instant since;
    private String lastSwitchReason;
    private long failovers;
    private long failbacks;
    private boolean strandedReported;

    FailoverStateMachine(String name, String primary, String secondary, int failAfter, int failBackAfter, Clock clock) {
        this.name = name;
        this.failAfter = failAfter;
        this.failBackAfter = failBackAfter;
        this.clock = clock;
        this.since = clock.instant();
        counts.put(EndpointRole.PRIMARY, new Counts(primary));
        counts.put(EndpointRole.SECONDARY, new Counts(secondary));
    }

    /** Records one check (or request) of one endpoint and decides. */
    synchronized Decision observe(EndpointRole role, ProbeResult result) {
        record(role, result);
        return decide();
    }

    /** Records a check of both endpoints, then decides once. */
    synchronized Decision observeRound(ProbeResult primary, ProbeResult secondary) {
        record(EndpointRole.PRIMARY, primary);
        record(EndpointRole.SECONDARY, secondary);
        return decide();
    }

    /** Whether one more failure of {@code role} would reach the failover threshold (then the standby is worth a look first). */
    synchronized boolean nextFailureDecides(EndpointRole role) {
        return !state.switching() && role == state.active() && counts.get(role).failures + 1 >= failAfter;
    }

    /** The switch of {@code decision} is done: the target is now active. */
    synchronized void switched(Decision decision) {
        moveTo(FailoverState.on(decision.target()));
        lastSwitchReason = decision.reason();
        if (decision.target() == EndpointRole.SECONDARY) {
            failovers++;
        } else {
            failbacks++;
        }
        strandedReported = false;
    }

    /** The switch of {@code decision} failed: the endpoint it was leaving stays active. */
    synchronized void switchFailed(Decision decision, String why) {
        moveTo(FailoverState.on(decision.target().other()));
        lastSwitchReason = "switch to the " + label(decision.target()) + " failed (" + why + "); it was due because "
                + decision.reason();
    }

    synchronized EndpointRole active() {
        return state.active();
    }

    synchronized FailoverState state() {
        return state;
    }

    synchronized FailoverSnapshot snapshot() {
        EndpointRole active = state.active();
        return new FailoverSnapshot(name, clock.instant(), state, active, counts.get(active).display, since,
                status(EndpointRole.PRIMARY), status(EndpointRole.SECONDARY), lastSwitchReason, failovers, failbacks);
    }

    private EndpointStatus status(EndpointRole role) {
        Counts c = counts.get(role);
        return new EndpointStatus(role, c.display, c.healthy, c.failures, c.successes, c.detail, c.checkedAt);
    }

    private void record(EndpointRole role, ProbeResult result) {
        Counts c = counts.get(role);
        c.healthy = result.healthy();
        c.detail = result.detail();
        c.checkedAt = clock.instant();
        if (result.healthy()) {
            c.successes++;
            c.failures = 0;
            if (role == state.active()) {
                strandedReported = false;
            }
        } else {
            c.failures++;
            c.successes = 0;
        }
    }

    private Decision decide() {
        if (state.switching()) {
            return Decision.NONE;
        }
        EndpointRole active = state.active();
        EndpointRole standby = active.other();
        Counts a = counts.get(active);
        Counts s = counts.get(standby);
        if (active == EndpointRole.SECONDARY && s.successes >= failBackAfter) {
            return begin(FailoverState.FAILING_BACK, EndpointRole.PRIMARY, "the primary was healthy for "
                    + s.successes + " consecutive checks (needed " + failBackAfter + "; last: " + s.detail + ")");
        }
        if (a.failures < failAfter) {
            return Decision.NONE;
        }
        String failed = "the " + label(active) + " failed " + a.failures + " consecutive checks (limit " + failAfter
                + "; last: " + a.detail + ")";
        if (s.healthy) {
            FailoverState next = active == EndpointRole.PRIMARY ? FailoverState.FAILING_OVER : FailoverState.FAILING_BACK;
            return begin(next, standby, failed + " and the " + label(standby) + " is healthy (" + s.detail + ")");
        }
        if (strandedReported) {
            return Decision.NONE;
        }
        strandedReported = true;
        return new Decision(Decision.Kind.STRANDED, active, failed + ", but the " + label(standby)
                + " is not healthy either (" + (s.detail == null ? "not checked yet" : s.detail) + "); staying on the "
                + label(active));
    }

    private Decision begin(FailoverState next, EndpointRole target, String reason) {
        moveTo(next);
        return new Decision(Decision.Kind.SWITCH, target, reason);
    }

    private void moveTo(FailoverState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("illegal failover transition " + state + " -> " + next + " for " + name);
        }
        state = next;
        since = clock.instant();
    }

    private static String label(EndpointRole role) {
        return role == EndpointRole.PRIMARY ? "primary" : "secondary";
    }
}
