package dev.scaledeck.engine.loadtest;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed model: N virtual users started evenly over the ramp-up (user {@code i} at
 * {@code i·rampUp/N}), each looping send, wait for the end, think, send again. Latency counts
 * from each send, so a slow server slows the users down and hides part of its slowness: the
 * coordinated omission the open model avoids. Users hold no thread while a request is out; the
 * next send after an answer goes through {@code handoff} (or the scheduler after a think time),
 * never recursively on the thread that answered. Thread-safe.
 */
final class ClosedDriver implements LoadDriver {

    private final Workload.Closed workload;
    private final TargetClient client;
    private final Measurements measurements;
    private final ScheduledExecutorService scheduler;
    private final Executor handoff;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopped;

    ClosedDriver(Workload.Closed workload, TargetClient client, Measurements measurements,
                 ScheduledExecutorService scheduler, Executor handoff) {
        this.workload = workload;
        this.client = client;
        this.measurements = measurements;
        this.scheduler = scheduler;
        this.handoff = handoff;
    }

    @Override
    public void start() {
        long rampNanos = workload.rampUp().toNanos();
        int users = workload.users();
        for (int i = 0; i < users; i++) {
            long delay = rampNanos * i / users;
            scheduler.schedule(new VirtualUser(), delay, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void stop(boolean durationOver) {
        stopped = true;
    }

    @Override
    public int activeUsers() {
        return stopped ? 0 : active.get();
    }

    @Override
    public double targetRate(double elapsedSeconds) {
        return 0;
    }

    /** One user: at most one request out at a time, so its fields need no more than visibility. */
    private final class VirtualUser implements Runnable, Completion {
        private volatile long sentAt;
        private boolean started;

        @Override
        public void run() {
            if (stopped) {
                return;
            }
            if (!started) {
                started = true;
                active.incrementAndGet();
            }
            sentAt = System.nanoTime();
            measurements.sending();
            client.send(this);
        }

        @Override
        public void answered(String instanceId, int status, String body) {
            measurements.answered(System.nanoTime() - sentAt, instanceId, status, body);
            next();
        }

        @Override
        public void failed(String instanceId, ErrorKind kind) {
            measurements.failed(System.nanoTime() - sentAt, instanceId, kind);
            next();
        }

        private void next() {
            if (stopped) {
                return;
            }
            try {
                long think = workload.thinkTime().toNanos();
                if (think > 0) {
                    scheduler.schedule(this, think, TimeUnit.NANOSECONDS);
                } else {
                    handoff.execute(this);
                }
            } catch (RejectedExecutionException e) {
                // the load tester is closing: this user is done
            }
        }
    }
}
