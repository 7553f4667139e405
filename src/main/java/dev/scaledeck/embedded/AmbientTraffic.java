package dev.scaledeck.embedded;

import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Light background traffic over the sample instances so the charts move before anyone runs
 * a load test: mostly {@code GET /api/projects?user=<1..1000>}, about one request in five a
 * {@code POST /api/convert} of a random 5-30 node workflow. Only ever loopback targets: this
 * must never turn into traffic against someone else's server. Thread-safe.
 */
public final class AmbientTraffic implements AutoCloseable, dev.scaledeck.engine.TrafficDial {

    public static final double MAX_RATE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(AmbientTraffic.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_IN_FLIGHT = 64;

    /** Sends one request somewhere and completes with its HTTP status. */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<Integer> send(String method, String pathAndQuery, String jsonBody);
    }

    private volatile double requestsPerSecond;
    private java.util.concurrent.ScheduledFuture<?> task;
    private final Supplier<List<URI>> targets;
    private final Sender through;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean warnedNonLoopback = new AtomicBoolean();
    private ScheduledExecutorService scheduler;
    private ExecutorService io;
    private HttpClient client;

    /**
     * @param requestsPerSecond 0 (off) up to {@value #MAX_RATE}
     * @param targets           the instances' base URLs, asked again for every request
     */
    public AmbientTraffic(double requestsPerSecond, Supplier<List<URI>> targets) {
        this(requestsPerSecond, targets, null);
    }

    /**
     * Traffic through a sender that chooses the instance itself (the engine's load balancer), so
     * the traffic follows ejection, draining and slow start as real clients' would.
     *
     * @param requestsPerSecond 0 (off) up to {@value #MAX_RATE}
     */
    public static AmbientTraffic through(double requestsPerSecond, Sender sender) {
        return new AmbientTraffic(requestsPerSecond, List::of, java.util.Objects.requireNonNull(sender, "sender"));
    }

    private AmbientTraffic(double requestsPerSecond, Supplier<List<URI>> targets, Sender through) {
        this.requestsPerSecond = checkRate(requestsPerSecond);
        this.targets = targets;
        this.through = through;
    }

    /**
     * Starts sending at the rate given (at a rate of 0, it sends once {@link #setRate} raises it);
     * does nothing when it already started.
     *
     * @throws IllegalArgumentException when a current target is not a loopback address
     * @throws IllegalStateException    after {@link #close()}
     */
    public synchronized void start() {
        if (closed.get()) {
            throw new IllegalStateException("ambient traffic is closed");
        }
        if (started.get()) {
            return;
        }
        targets.get().forEach(LoopbackTargets::require);
        started.set(true);
        scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("ambient-traffic"));
        if (through == null) {
            io = Executors.newFixedThreadPool(2, new NamedThreads("ambient-traffic-io"));
            client = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(1)).build();
        }
        schedule();
    }

    /** (Re)schedules the ticks at the current rate; none at 0. Holds the lock. */
    private void schedule() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (requestsPerSecond == 0) {
            return;
        }
        long periodMicros = Math.max(1, Math.round(1_000_000 / requestsPerSecond));
        task = scheduler.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        LOG.info("Ambient traffic: {} requests/s {}", requestsPerSecond,
                through != null ? "through the load balancer" : "over the sample instances");
    }

    @Override
    public double rate() {
        return requestsPerSecond;
    }

    @Override
    public double maxRate() {
        return MAX_RATE;
    }

    /** Changes the rate; a started generator moves to it at once. */
    @Override
    public synchronized void setRate(double newRate) {
        requestsPerSecond = checkRate(newRate);
        if (started.get() && !closed.get()) {
            schedule();
        }
    }

    private static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("requests per second must be between 0 and " + (long) MAX_RATE
                    + ", but was " + rate);
        }
        return rate;
    }

    /** Requests sent so far. */
    public long sent() {
        return sent.sum();
    }

    /** Requests that got no answer or an answer of 400 or more. */
    public long failed() {
        return failed.sum();
    }

    public boolean running() {
        return started.get() && !closed.get();
    }

    /** Runs on the scheduler: anything thrown here would silently cancel the schedule. */
    private void tick() {
        try {
            if (through != null) {
                sendThrough();
                return;
            }
            List<URI> now = targets.get();
            if (now.isEmpty() || !inFlight.tryAcquire()) {
                return;
            }
            URI target = now.get(ThreadLocalRandom.current().nextInt(now.size()));
            if (!LoopbackTargets.isLoopback(target)) {
                inFlight.release();
                if (warnedNonLoopback.compareAndSet(false, true)) {
                    LOG.warn("Ambient traffic skips {}: not a loopback address", target);
                }
                return;
            }
            send(request(target));
        } catch (RuntimeException e) {
            LOG.warn("Ambient traffic tick failed", e);
        }
    }

    private void send(HttpRequest request) {
        sent.increment();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                inFlight.release();
                if (error != null || response.statusCode() >= 400) {
                    failed.increment();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            failed.increment();
            throw e;
        }
    }

    private void sendThrough() {
        if (!inFlight.tryAcquire()) {
            return;
        }
        sent.increment();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String user = "user=" + (1 + random.nextInt(1000));
        CompletableFuture<Integer> status;
        try {
            status = random.nextInt(5) == 0
                    ? through.send("POST", "/api/convert?" + user,
                            WorkflowConverter.sampleWorkflow(5 + random.nextInt(26), random.nextLong()))
                    : through.send("GET", "/api/projects?" + user, null);
        } catch (RuntimeException e) {
            // No instance could take it (all out): counted, and the schedule goes on.
            inFlight.release();
            failed.increment();
            return;
        }
        status.whenComplete((code, error) -> {
            inFlight.release();
            if (error != null || code >= 400) {
                failed.increment();
            }
        });
    }

    private static HttpRequest request(URI base) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(5) == 0) {
            String workflow = WorkflowConverter.sampleWorkflow(5 + random.nextInt(26), random.nextLong());
            return HttpRequest.newBuilder(base.resolve("/api/convert?user=" + (1 + random.nextInt(1000))))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(workflow))
                    .build();
        }
        return HttpRequest.newBuilder(base.resolve("/api/projects?user=" + (1 + random.nextInt(1000))))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
    }

    /** Stops sending within a second; requests already sent are abandoned. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true) || scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        if (io != null) {
            io.shutdownNow();
        }
        try {
            if (!scheduler.awaitTermination(500, TimeUnit.MILLISECONDS)
                    || (io != null && !io.awaitTermination(500, TimeUnit.MILLISECONDS))) {
                LOG.warn("Ambient traffic threads did not stop within a second");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Ambient traffic stopped after {} requests ({} failed)", sent(), failed());
    }
}
