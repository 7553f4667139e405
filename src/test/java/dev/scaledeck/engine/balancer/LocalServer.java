package dev.scaledeck.engine.balancer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.config.InstanceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 standing in for an instance: {@code /health} answers
 * {@link #healthStatus}, every other path answers {@link #status} with "from {id}: {body}".
 * It can be stopped and started again on the same port, and made to hang until closed.
 */
final class LocalServer implements AutoCloseable {

    final String id;
    final AtomicInteger healthStatus = new AtomicInteger(200);
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile boolean hang;
    private final int port;
    private HttpServer server;

    LocalServer(String id) throws IOException {
        this.id = id;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        return s;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestURI().getPath().equals("/health")) {
                respond(ex, healthStatus.get(), "{\"status\":\"UP\"}");
                return;
            }
            requests.incrementAndGet();
            if (hang) {
                release.await(10, TimeUnit.SECONDS);
            }
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            respond(ex, status.get(), "from " + id + ": " + ex.getRequestMethod() + " " + ex.getRequestURI() + " " + body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    InstanceSpec spec(int weight) {
        return new InstanceSpec(id, url(), weight);
    }

    /** Requests other than {@code /health} wait until the server is closed. */
    void hang() {
        hang = true;
    }

    synchronized void stop() {
        server.stop(0);
    }

    synchronized void restart() throws IOException {
        server = bind(port);
    }

    @Override
    public synchronized void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
