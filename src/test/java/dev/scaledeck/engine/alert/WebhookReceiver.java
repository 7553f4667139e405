package dev.scaledeck.engine.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real webhook on the loopback interface: records every POSTed {@code text}, answers with a set status. */
final class WebhookReceiver implements AutoCloseable {

    static final String SECRET_PATH = "/services/T0000/B0000/XXXXsecretXXXX";

    private final HttpServer server;
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "ok";
    private volatile long delayMillis;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            texts.add(new ObjectMapper().readTree(body).get("text").asText());
            byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH);
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer every later request with this status and body. */
    void answer(int code, String body) {
        status = code;
        answer = body;
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    List<String> texts() {
        return List.copyOf(texts);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** A URL on a port nothing listens on. */
    static URI closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + SECRET_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
