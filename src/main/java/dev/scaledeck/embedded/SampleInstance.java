package dev.scaledeck.embedded;

import dev.scaledeck.engine.util.NamedThreads;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.pool.ConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One instance of the sample converter service: a JDK HTTP server on 127.0.0.1 (a free port)
 * with a fixed pool of worker threads, doing real work per request through the shared
 * connection pool. Endpoints:
 * <ul>
 *   <li>{@code GET /health}: 200 {@code {"status":"UP","id":..}}, or 503 DOWN when the
 *       database does not answer (checked at most once a second)</li>
 *   <li>{@code GET /metrics}: {@link SampleMetrics} as JSON</li>
 *   <li>{@code GET /api/projects?user=ID}: the user's projects</li>
 *   <li>{@code POST /api/convert}: an n8n workflow in, TypeScript out</li>
 * </ul>
 * Thread-safe.
 */
public final class SampleInstance implements AutoCloseable {

    public static final int DEFAULT_WORKERS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(SampleInstance.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WorkflowConverter CONVERTER = new WorkflowConverter();
    private static final Duration HEALTH_TTL = Duration.ofSeconds(1);
    private static final Duration HEALTH_MAX_WAIT = Duration.ofSeconds(2);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final String id;
    private final HttpServer server;
    private final ExecutorService workers;
    private final InstanceMetrics metrics;
    private final SampleRouter router;
    private final HealthCache health;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SampleInstance(String id, HttpServer server, ExecutorService workers, InstanceMetrics metrics,
                           SampleRouter router, HealthCache health) {
        this.id = id;
        this.server = server;
        this.workers = workers;
        this.metrics = metrics;
        this.router = router;
        this.health = health;
        this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts an instance with {@value #DEFAULT_WORKERS} worker threads. */
    public static SampleInstance start(String id, ConnectionPool pool) throws IOException {
        return start(id, pool, DEFAULT_WORKERS);
    }

    /** Starts an instance on a free loopback port; it serves until {@link #close()}. */
    public static SampleInstance start(String id, ConnectionPool pool, int workerThreads) throws IOException {
        return start(id, pool, workerThreads, 0);
    }

    /**
     * Starts an instance on the given loopback port (0: a free one), so a stopped instance can
     * come back at the address the balancer knows.
     */
    public static SampleInstance start(String id, ConnectionPool pool, int workerThreads, int port) throws IOException {
        return start(id, () -> pool, workerThreads, port);
    }

    /**
     * As above, with the pool looked up for every request: the engine's pool changes when its
     * database fails over.
     */
    public static SampleInstance start(String id, java.util.function.Supplier<ConnectionPool> pool, int workerThreads,
                                       int port) throws IOException {
        return start(id, pool, workerThreads, port, Duration.ZERO);
    }

    /**
     * As above, with every API request holding its worker {@code serviceTime} longer than its own
     * work takes, as a real service's calls to other services would ({@code embedded.serviceTime}).
     */
    public static SampleInstance start(String id, java.util.function.Supplier<ConnectionPool> pool, int workerThreads,
                                       int port, Duration serviceTime) throws IOException {
        if (serviceTime.isNegative()) {
            throw new IllegalArgumentException("serviceTime must not be negative, but was " + serviceTime);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1, but was " + workerThreads);
        }
        InstanceMetrics metrics = new InstanceMetrics(id, workerThreads, System::nanoTime);
        HealthCache health = new HealthCache(id, () -> pool.get().ping(Duration.ofSeconds(1)), HEALTH_TTL, HEALTH_MAX_WAIT);
        SampleRouter router = new SampleRouter(id, JSON, metrics)
                .route("GET", "/health", exchange -> health.healthy()
                        ? HttpResponse.ok(Map.of("status", "UP", "id", id))
                        : new HttpResponse(503, Map.of("status", "DOWN", "id", id), Map.of()))
                .route("GET", "/metrics", exchange -> HttpResponse.ok(metrics.snapshot()))
                .route("GET", "/api/projects", taking(serviceTime, new ProjectsEndpoint(pool)))
                .route("POST", "/api/convert", taking(serviceTime, new ConvertEndpoint(pool, CONVERTER)));
        ExecutorService workers = Executors.newFixedThreadPool(workerThreads, new NamedThreads(id + "-worker"));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            workers.shutdownNow();
            health.close();
            throw e;
        }
        server.createContext("/", router);
        server.setExecutor(workers);
        try {
            startOnDaemonThread(server, id);
        } catch (IOException e) {
            workers.shutdownNow();
            health.close();
            throw e;
        }
        SampleInstance instance = new SampleInstance(id, server, workers, metrics, router, health);
        LOG.info("Sample instance {} listening on {} with {} workers", id, instance.url, workerThreads);
        return instance;
    }

    /** The endpoint, holding its worker {@code extra} longer (no change when zero). */
    private static Endpoint taking(Duration extra, Endpoint endpoint) {
        if (extra.isZero()) {
            return endpoint;
        }
        long millis = extra.toMillis();
        int nanos = (int) (extra.toNanos() % 1_000_000);
        return exchange -> {
            HttpResponse response = endpoint.handle(exchange);
            Thread.sleep(millis, nanos);
            return response;
        };
    }

    /*
     * The JDK's "HTTP-Dispatcher" thread takes the daemon flag of the thread that starts the
     * server; started from a daemon thread, an instance nobody closed cannot keep the JVM alive.
     */
    private static void startOnDaemonThread(HttpServer server, String id) throws IOException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, id + "-starter");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new InterruptedIOException("Interrupted while starting sample instance " + id);
        }
        if (failure.get() != null) {
            throw new IOException("Sample instance " + id + " could not start: " + failure.get().getMessage(), failure.get());
        }
    }

    public String id() {
        return id;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return url;
    }

    public boolean running() {
        return !closed.get();
    }

    /** The same numbers {@code GET /metrics} answers, without a request. */
    public SampleMetrics metrics() {
        return metrics.snapshot();
    }

    /**
     * Refuses new requests (503), lets running ones finish for up to two seconds, then stops
     * the server and its threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        router.stopAccepting();
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (router.active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (router.active() > 0) {
            LOG.warn("Sample instance {}: {} request(s) still running after {}; stopping anyway",
                    id, router.active(), DRAIN_WAIT);
        }
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                LOG.warn("Sample instance {}: worker threads did not stop within a second", id);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        health.close();
        LOG.info("Sample instance {} on {} stopped", id, url);
    }

    @Override
    public String toString() {
        return "SampleInstance[" + id + ", " + url + (running() ? "]" : ", stopped]");
    }
}
