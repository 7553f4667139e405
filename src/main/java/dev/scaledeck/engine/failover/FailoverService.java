package dev.scaledeck.engine.failover;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A primary/secondary pair of endpoints of any kind, with automatic failover and graceful
 * failback: it probes both endpoints (now, or every {@link FailoverConfig#checkInterval()}),
 * hears about failed and successful requests, lets the {@link FailoverStateMachine} decide and
 * performs the switch through a {@link SwitchAction}. Every failover, failback and failed switch
 * is an {@link EngineEvent} (category {@code failover}) with its reason. {@link HttpFailover} and
 * {@link DatabaseFailover} are built on it.
 *
 * <p>Thread-safe. Probes and switches run on the calling thread, outside the state machine's
 * lock; only one thread performs a given switch.
 *
 * @param <E> what an endpoint is: a base URL, a database URL
 */
public final class FailoverService<E> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverService.class);

    /** Checks one endpoint; should bound its own wait and not throw (a throw counts as a failed check). */
    @FunctionalInterface
    public interface Probe<E> {
        ProbeResult probe(Endpoint<E> endpoint);
    }

    /** Makes {@code to} the endpoint that takes new work; a throw leaves {@code from} active. */
    @FunctionalInterface
    public interface SwitchAction<E> {
        void switchTo(Endpoint<E> to, Endpoint<E> from) throws Exception;
    }

    private final String name;
    private final Endpoint<E> primary;
    private final Endpoint<E> secondary;
    private final FailoverConfig config;
    private final Probe<E> probe;
    private final SwitchAction<E> action;
    private final Clock clock;
    private final EventJournal journal;
    private final FailoverStateMachine machine;
    private ScheduledFuture<?> task;
    private boolean closed;

    public FailoverService(String name, Endpoint<E> primary, Endpoint<E> secondary, FailoverConfig config,
                           Probe<E> probe, SwitchAction<E> action, Clock clock, EventJournal journal) {
        if (primary.role() != EndpointRole.PRIMARY || secondary.role() != EndpointRole.SECONDARY) {
            throw new IllegalArgumentException("endpoints must be given as primary, then secondary, but were "
                    + primary.role() + ", " + secondary.role());
        }
        this.name = Objects.requireNonNull(name, "name");
        this.primary = primary;
        this.secondary = secondary;
        this.config = Objects.requireNonNull(config, "config");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.action = Objects.requireNonNull(action, "action");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.machine = new FailoverStateMachine(name, primary.display(), secondary.display(),
                config.failAfter(), config.failBackAfter(), clock);
    }

    /** Probes both endpoints once, switches if that is due, and returns the resulting snapshot. */
    public FailoverSnapshot checkNow() {
        ProbeResult p = probeSafely(primary);
        ProbeResult s = probeSafely(secondary);
        act(machine.observeRound(p, s));
        return snapshot();
    }

    /**
     * A request to {@code role} failed: counts like a failed check. When it is the one that makes
     * the active endpoint due for failover, the standby is probed first, so the decision is made
     * on fresh news about it.
     */
    public void recordFailure(EndpointRole role, String detail) {
        if (machine.nextFailureDecides(role)) {
            Endpoint<E> standby = endpoint(role.other());
            act(machine.observe(standby.role(), probeSafely(standby)));
        }
        act(machine.observe(role, ProbeResult.failed(detail)));
    }

    /** A request to {@code role} succeeded: counts like a healthy check. */
    public void recordSuccess(EndpointRole role, String detail) {
        act(machine.observe(role, ProbeResult.healthy(detail)));
    }

    /** The endpoint that takes new work now. */
    public Endpoint<E> active() {
        return endpoint(machine.active());
    }

    public Endpoint<E> endpoint(EndpointRole role) {
        return role == EndpointRole.PRIMARY ? primary : secondary;
    }

    public FailoverState state() {
        return machine.state();
    }

    /** A point-in-time view of the pair. */
    public FailoverSnapshot snapshot() {
        return machine.snapshot();
    }

    public String name() {
        return name;
    }

    /** Checks every {@link FailoverConfig#checkInterval()} on {@code scheduler}; a failing round is logged, never fatal. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (closed) {
            throw new IllegalStateException("failover " + name + " is closed");
        }
        if (task == null) {
            long interval = config.checkInterval().toNanos();
            task = scheduler.scheduleWithFixedDelay(this::checkSafely, interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops the periodic checks. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            LOG.warn("Failover check of {} failed; the next one runs as scheduled", name, t);
        }
    }

    private ProbeResult probeSafely(Endpoint<E> endpoint) {
        try {
            ProbeResult result = probe.probe(endpoint);
            return result != null ? result : ProbeResult.failed("probe gave no answer");
        } catch (RuntimeException e) {
            return ProbeResult.failed("probe failed: " + e);
        }
    }

    private void act(FailoverStateMachine.Decision decision) {
        switch (decision.kind()) {
            case NONE -> {
            }
            case STRANDED -> {
                LOG.warn("Failover {}: {}", name, decision.reason());
                record("no-standby", "No failover for " + name + ": " + decision.reason());
            }
            case SWITCH -> perform(decision);
        }
    }

    private void perform(FailoverStateMachine.Decision decision) {
        Endpoint<E> to = endpoint(decision.target());
        Endpoint<E> from = endpoint(decision.target().other());
        boolean failback = decision.target() == EndpointRole.PRIMARY;
        String what = failback ? "Failback" : "Failover";
        try {
            action.switchTo(to, from);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            machine.switchFailed(decision, e.toString());
            LOG.error("{} of {} from {} to {} failed; staying on {}", what, name, from, to, from, e);
            record("switch-failed", what + " of " + name + " from " + from + " to " + to + " failed (" + e
                    + "); staying on " + from + ". It was due because " + decision.reason());
            return;
        } catch (Error e) {
            machine.switchFailed(decision, e.toString());
            throw e;
        }
        machine.switched(decision);
        String message = what + " of " + name + " from " + from + " to " + to + ": " + decision.reason();
        LOG.warn(message);
        record(failback ? "failback" : "failover", message);
    }

    private void record(String type, String message) {
        journal.record(new EngineEvent(clock.instant(), "failover", type, name, message));
    }
}
