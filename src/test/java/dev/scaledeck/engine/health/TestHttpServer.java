package dev.scaledeck.engine.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for tests: every path answers 200 "ok from &lt;label&gt;" unless
 * told otherwise ({@link #respond}); it counts requests per path, and can be stopped and started
 * again on the same port.
 */
public final class TestHttpServer implements AutoCloseable {

    private record Answer(int status, Duration delay) {
    }

    private final String label;
    private int port;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService threads;

    private TestHttpServer(String label) {
        this.label = label;
    }

    /** Starts on a free port. */
    public static TestHttpServer start(String label) {
        TestHttpServer s = new TestHttpServer(label);
        s.bind(0);
        return s;
    }

    private void bind(int requestedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        Answer answer = answers.getOrDefault(path, new Answer(200, Duration.ZERO));
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ((answer.status() / 100 == 2 ? "ok from " : "error from ") + label).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** From now on {@code path} answers {@code status}, after {@code delay}. */
    public TestHttpServer respond(String path, int status, Duration delay) {
        answers.put(path, new Answer(status, delay));
        return this;
    }

    public TestHttpServer respond(String path, int status) {
        return respond(path, status, Duration.ZERO);
    }

    public int requests(String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Stops listening and drops open connections; the port is closed until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port, with the same answers. */
    public synchronized void restart() {
        stop();
        bind(port);
    }

    @Override
    public void close() {
        stop();
    }

    /** A local port nothing listens on. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
