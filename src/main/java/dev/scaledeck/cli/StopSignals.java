package dev.scaledeck.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for SIGTERM or SIGINT and lets the caller stop in order, so that a service manager's stop
 * ends with exit code 0.
 *
 * <p>The JVM's own handling of these signals runs every shutdown hook at once and then exits with
 * 143 or 130: the embedded PostgreSQL's hook would stop the database while the pool drains. So the
 * signals are taken over ({@code sun.misc.Signal}, kept for this in {@code jdk.unsupported}), the
 * stop runs on the caller's thread, and the process exits normally afterwards. When the JVM goes
 * down another way (SIGHUP, {@code System.exit}), a shutdown hook asks for the same stop and
 * waits for it, bounded. {@link #close} gives the signals back. Thread-safe.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new LinkedHashMap<>();
    private final Thread hook;
    private final long hookWaitSeconds;
    private volatile String reason = "the JVM shutting down";

    private StopSignals(long hookWaitSeconds) {
        this.hookWaitSeconds = hookWaitSeconds;
        this.hook = new Thread(this::stopFromHook, "scaledeck-serve-stop");
    }

    /**
     * Takes over SIGTERM and SIGINT until {@link #close}.
     *
     * @param hookWaitSeconds how long the shutdown hook waits for the stop when the JVM goes down another way
     */
    static StopSignals install(long hookWaitSeconds) {
        StopSignals signals = new StopSignals(hookWaitSeconds);
        for (String name : SIGNALS) {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            try {
                signals.previous.put(signal, sun.misc.Signal.handle(signal, s -> signals.request("SIG" + s.getName())));
            } catch (IllegalArgumentException e) {
                // The JVM keeps it (-Xrs): the shutdown hook still stops in order, with the JVM's exit code.
                LOG.warn("Cannot handle SIG{} ({}); a stop on it goes through the shutdown hook", name, e.getMessage());
            }
        }
        Runtime.getRuntime().addShutdownHook(signals.hook);
        return signals;
    }

    private void request(String why) {
        reason = why;
        requested.countDown();
    }

    /** Blocks until a stop is asked for; returns what asked: {@code SIGTERM}. */
    String await() throws InterruptedException {
        requested.await();
        return reason;
    }

    /** The stop is done: a shutdown hook waiting for it lets the JVM go, and the signals are the JVM's again. */
    @Override
    public void close() {
        stopped.countDown();
        previous.forEach(sun.misc.Signal::handle);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already: the hook is running, and returns now.
        }
    }

    private void stopFromHook() {
        request("the JVM shutting down");
        try {
            if (!stopped.await(hookWaitSeconds, TimeUnit.SECONDS)) {
                LOG.warn("The engine did not stop within {}s of the JVM shutting down", hookWaitSeconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
