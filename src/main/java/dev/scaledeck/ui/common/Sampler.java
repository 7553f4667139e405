package dev.scaledeck.ui.common;

import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one pull loop of a window: at a fixed rate it reads a snapshot on its own thread and
 * hands it to the UI thread in a single update. Live data is pulled, never pushed per event.
 *
 * <p>When the UI thread falls behind, snapshots are not queued: at most one update is
 * outstanding and it applies the newest snapshot, so a busy window skips samples instead of
 * drowning in them. A failing read is logged and the next tick runs as scheduled.
 * Thread-safe.
 *
 * @param <S> the snapshot type
 */
public final class Sampler<S> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final Duration period;
    private final Supplier<? extends S> read;
    private final Consumer<? super S> apply;
    private final Executor uiThread;
    private final AtomicReference<S> pending = new AtomicReference<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private ScheduledExecutorService thread;
    private volatile boolean closed;

    /**
     * @param period   time between reads
     * @param read     takes a snapshot; runs on the sampler thread and may block briefly
     * @param apply    applies a snapshot to the view models; runs on the UI thread
     * @param uiThread runs a task on the UI thread ({@code Platform::runLater} in the window)
     */
    public Sampler(Duration period, Supplier<? extends S> read, Consumer<? super S> apply, Executor uiThread) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, but was " + period);
        }
        this.period = period;
        this.read = read;
        this.apply = apply;
        this.uiThread = uiThread;
    }

    /** Starts reading; the first read is one period from now. Does nothing when already started or closed. */
    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new NamedThreads("scaledeck-ui-sampler"));
        executor.setRemoveOnCancelPolicy(true);
        long nanos = period.toNanos();
        executor.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        thread = executor;
    }

    /** One read and hand-over, as the schedule does it; tests call it to step without a thread. */
    public void tick() {
        if (closed) {
            return;
        }
        S snapshot;
        try {
            snapshot = read.get();
            reads.incrementAndGet();
        } catch (RuntimeException e) {
            logFailure("read", e);
            return;
        }
        if (pending.getAndSet(snapshot) == null) {
            uiThread.execute(this::deliver);
        }
    }

    private void deliver() {
        S snapshot = pending.getAndSet(null);
        if (snapshot == null || closed) {
            return;
        }
        try {
            apply.accept(snapshot);
            applied.incrementAndGet();
        } catch (RuntimeException e) {
            logFailure("update", e);
        }
    }

    private void logFailure(String what, RuntimeException e) {
        long n = failures.incrementAndGet();
        // A broken read fails every tick; say it once and then now and then, not twice a second.
        if (n == 1 || n % 100 == 0) {
            LOG.warn("Sampler {} failed ({} failure(s) so far); sampling goes on", what, n, e);
        }
    }

    /** Snapshots read so far. */
    public long reads() {
        return reads.get();
    }

    /** Snapshots applied on the UI thread so far (at most {@link #reads()}; fewer when the UI thread lagged). */
    public long applied() {
        return applied.get();
    }

    public Duration period() {
        return period;
    }

    /** Stops the schedule and drops any update not yet applied. Idempotent; waits at most a second. */
    @Override
    public void close() {
        ScheduledExecutorService executor;
        synchronized (this) {
            closed = true;
            executor = thread;
            thread = null;
        }
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("Sampler thread still busy 1 s after close; leaving it (daemon)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
