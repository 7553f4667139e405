package dev.scaledeck.embedded;

import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The answer of a health probe, reused for {@code ttl} so health checks cannot hammer the
 * database. A probe runs on its own thread and a caller waits at most {@code maxWait} for it:
 * a database that hangs makes the instance DOWN quickly instead of hanging the health check.
 * At most one probe runs at a time. Thread-safe.
 */
final class HealthCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCache.class);

    private final BooleanSupplier probe;
    private final long ttlNanos;
    private final Duration maxWait;
    private final ExecutorService executor;
    private boolean lastResult;
    private long lastAtNanos;
    private boolean haveResult;
    private CompletableFuture<Boolean> running;

    HealthCache(String owner, BooleanSupplier probe, Duration ttl, Duration maxWait) {
        this.probe = probe;
        this.ttlNanos = ttl.toNanos();
        this.maxWait = maxWait;
        this.executor = Executors.newSingleThreadExecutor(new NamedThreads(owner + "-health"));
    }

    /** Whether the probe passed, from a result at most {@code ttl} old. */
    boolean healthy() {
        CompletableFuture<Boolean> probing;
        synchronized (this) {
            if (haveResult && System.nanoTime() - lastAtNanos < ttlNanos) {
                return lastResult;
            }
            if (running == null) {
                try {
                    running = CompletableFuture.supplyAsync(this::runProbe, executor);
                } catch (RejectedExecutionException e) {
                    return false; // closed
                }
            }
            probing = running;
        }
        try {
            return probing.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean runProbe() {
        boolean result;
        try {
            result = probe.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("Health probe failed", e);
            result = false;
        }
        synchronized (this) {
            lastResult = result;
            lastAtNanos = System.nanoTime();
            haveResult = true;
            running = null;
        }
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
