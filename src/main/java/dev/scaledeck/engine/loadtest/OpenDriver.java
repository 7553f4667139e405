package dev.scaledeck.engine.loadtest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model (wrk2, k6's arrival-rate executors): one pacer thread sends each arrival when
 * the {@link ArrivalSchedule} says it is due, whatever the server does, with at most
 * {@code maxConnections} requests out. Latency counts from each arrival's <em>due</em> time, so
 * time spent waiting for a free connection behind a stalled server shows in the percentiles
 * (coordinated omission corrected).
 * <p>
 * <b>Missed sends</b>: an arrival that leaves more than {@link #LATE} after it was due (no free
 * connection, or the pacer itself fell behind) is sent anyway and counted as missed. Arrivals
 * still waiting when the duration runs out are not sent; they are counted as missed too, so no
 * arrival disappears silently. A stop or abort ends the schedule without counting the rest.
 * Thread-safe.
 */
final class OpenDriver implements LoadDriver {

    /** How late an arrival may leave and still count as sent on time. */
    static final Duration LATE = Duration.ofMillis(1);
    private static final Logger LOG = LoggerFactory.getLogger(OpenDriver.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ArrivalSchedule schedule;
    private final TargetClient client;
    private final Measurements measurements;
    private final Executor pacerThreads;
    private final long startNanos;
    private final Semaphore connections;
    private final Object done = new Object();
    private volatile boolean stopped;
    private volatile boolean durationOver;
    private boolean finished;

    OpenDriver(ArrivalSchedule schedule, int maxConnections, TargetClient client, Measurements measurements,
               Executor pacerThreads, long startNanos) {
        this.schedule = schedule;
        this.client = client;
        this.measurements = measurements;
        this.pacerThreads = pacerThreads;
        this.startNanos = startNanos;
        this.connections = new Semaphore(maxConnections);
    }

    @Override
    public void start() {
        pacerThreads.execute(this::pace);
    }

    private void pace() {
        long total = schedule.arrivals();
        long sent = 0;
        try {
            while (sent < total && !stopped) {
                long due = startNanos + schedule.dueNanos(sent);
                if (!sleepUntil(due) || !acquireConnection()) {
                    break;
                }
                if (System.nanoTime() - due > LATE.toNanos()) {
                    measurements.missed(1);
                }
                measurements.sending();
                client.send(new Arrival(due));
                sent++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The arrival pacer failed after {} of {} arrivals; the rest are not sent", sent, total, e);
        } finally {
            if (durationOver) {
                measurements.missed(total - sent);
            }
            synchronized (done) {
                finished = true;
                done.notifyAll();
            }
        }
    }

    /** Parks until {@code due}; false when stopped first. Parking has ~0.1 ms slack, well inside {@link #LATE}. */
    private boolean sleepUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (stopped) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, POLL_NANOS));
        }
        return !stopped;
    }

    private boolean acquireConnection() throws InterruptedException {
        while (!connections.tryAcquire(POLL_NANOS, TimeUnit.NANOSECONDS)) {
            if (stopped) {
                return false;
            }
        }
        if (stopped) {
            connections.release();
            return false;
        }
        return true;
    }

    /** Stops the pacer and waits (briefly) until it has counted what it did not send. */
    @Override
    public void stop(boolean durationOver) {
        this.durationOver = durationOver;
        stopped = true;
        long deadline = System.nanoTime() + 4 * POLL_NANOS;
        synchronized (done) {
            long left;
            while (!finished && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(done, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public int activeUsers() {
        return 0;
    }

    @Override
    public double targetRate(double elapsedSeconds) {
        return stopped ? 0 : schedule.rateAt(elapsedSeconds);
    }

    /** One arrival out: frees its connection and times itself from when it was due. */
    private final class Arrival implements Completion {
        private final long due;

        Arrival(long due) {
            this.due = due;
        }

        @Override
        public void answered(String instanceId, int status, String body) {
            connections.release();
            measurements.answered(System.nanoTime() - due, instanceId, status, body);
        }

        @Override
        public void failed(String instanceId, ErrorKind kind) {
            connections.release();
            measurements.failed(System.nanoTime() - due, instanceId, kind);
        }
    }
}
