package dev.scaledeck.engine.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in the Prometheus text format, on the JDK's HTTP server with two named
 * daemon threads; 405 for other methods, 404 for other paths. {@link #bind} takes the port at
 * once, so a port in use is known before the engine starts; {@link #start} serves. Thread-safe.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    static final String PATH = "/metrics";
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String where;
    private volatile boolean started;

    private MetricsEndpoint(HttpServer server, String where) {
        this.server = server;
        this.where = where;
        this.threads = Executors.newFixedThreadPool(THREADS, new NamedThreads("scaledeck-metrics-http"));
        server.setExecutor(threads);
    }

    /**
     * Listens on {@code address} (not serving yet).
     *
     * @param where how messages name it: {@code 127.0.0.1:9464}
     * @throws MetricsEndpointException naming the address and port when it cannot listen there
     */
    public static MetricsEndpoint bind(InetSocketAddress address, String where) throws MetricsEndpointException {
        try {
            return new MetricsEndpoint(HttpServer.create(address, 0), where);
        } catch (BindException e) {
            String reason = address.getAddress().isAnyLocalAddress() || isLocal(address)
                    ? "the port is already in use; choose another with --metrics-port or metrics.port (0 turns it off)"
                    : e.getMessage() + "; metrics.bind must be an address of this machine";
            throw new MetricsEndpointException("Cannot serve metrics on " + where + ": " + reason, e);
        } catch (IOException e) {
            throw new MetricsEndpointException("Cannot serve metrics on " + where + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLocal(InetSocketAddress address) {
        try {
            return address.getAddress().isLoopbackAddress()
                    || java.net.NetworkInterface.getByInetAddress(address.getAddress()) != null;
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    /** Serves {@code metrics} from now on. Once only. */
    public synchronized void start(EngineMetrics metrics) {
        if (started) {
            throw new IllegalStateException("the metrics endpoint on " + where + " is already serving");
        }
        server.createContext("/", exchange -> handle(exchange, metrics));
        server.start();
        started = true;
        InetSocketAddress bound = server.getAddress();
        LOG.info("Serving metrics on http://{}:{}{}", bound.getAddress().getHostAddress(), bound.getPort(), PATH);
    }

    /** Where it listens, with the port it got. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, EngineMetrics metrics) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: the metrics are at GET " + PATH + "\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed: use GET " + PATH + "\n");
            } else {
                send(exchange, 200, EngineMetrics.contentType(), metrics.scrape());
            }
        } catch (RuntimeException e) {
            LOG.warn("Serving {} failed", PATH, e);
            send(exchange, 500, "text/plain; charset=utf-8", "The metrics could not be read: " + e.getMessage() + "\n");
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening and ends a scrape under way. Idempotent. */
    @Override
    public void close() {
        // JDK 17's stop(delay) waits the whole delay even when no exchange is open; a scrape cut
        // short at shutdown costs the scraper one sample, a wait would cost every stop a second.
        server.stop(0);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Metrics endpoint threads still busy after 2s; interrupting them");
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}
