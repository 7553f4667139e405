package dev.scaledeck.engine.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.config.InstanceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP server on 127.0.0.1 for load tests: answers {@link #status} with no body,
 * {@code /fail} with 500, {@code /health} with 200, {@code /text} with "ok from {id}"; optionally
 * stalls every request that arrives in the last {@code stall} of each {@code period} (counted from
 * when it started) until that period ends.
 * <p>
 * Why no body by default: the JDK server writes headers and body in two writes without
 * TCP_NODELAY ({@code sun.net.httpserver.nodelay} is read once per JVM), so Nagle's algorithm and
 * the client's delayed ACK add ~40 ms to every answer with a body. A header-only answer is one
 * write and comes back at loopback speed.
 */
final class LoopbackServer implements AutoCloseable {

    final String id;
    final AtomicInteger status = new AtomicInteger(200);
    final LongAdder requests = new LongAdder();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final long startNanos = System.nanoTime();
    private volatile long periodNanos;
    private volatile long stallNanos;

    LoopbackServer(String id) throws IOException {
        this.id = id;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** From now on, requests arriving in the last {@code stall} of every {@code period} wait until the period ends. */
    LoopbackServer stalling(Duration stall, Duration period) {
        stallNanos = stall.toNanos();
        periodNanos = period.toNanos();
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/health")) {
                requests.increment();
                stallIfDue();
            }
            int code = path.equals("/fail") ? 500 : path.equals("/health") ? 200 : status.get();
            if (!path.equals("/text")) {
                ex.sendResponseHeaders(code, -1);
                return;
            }
            byte[] body = ("ok from " + id).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void stallIfDue() {
        if (periodNanos == 0) {
            return;
        }
        long phase = (System.nanoTime() - startNanos) % periodNanos;
        long left = periodNanos - phase;
        if (left <= stallNanos) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    InstanceSpec spec(int weight) {
        return new InstanceSpec(id, url(""), weight);
    }

    /** Stops answering: the port refuses connections from now on. */
    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A port on 127.0.0.1 that nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
