package dev.scaledeck.engine.scaling.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker daemon on 127.0.0.1 that answers the Engine API calls it was told to, with chunked
 * bodies (as Docker does) unless asked otherwise, and records every request.
 */
final class FakeDockerEngine implements AutoCloseable {

    /** One request as the daemon received it. */
    record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {

        String query(String name) {
            for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private record Answer(int status, String body, boolean chunked) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeDockerEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code method path} (path without the API version, no query) with a chunked body. */
    FakeDockerEngine answer(String method, String path, int status, String body) {
        answers.put(method + " /" + DockerEngineClient.API_VERSION + path, new Answer(status, body, true));
        return this;
    }

    /** The same with a {@code Content-Length} body. */
    FakeDockerEngine answerWithLength(String method, String path, int status, String body) {
        answers.put(method + " /" + DockerEngineClient.API_VERSION + path, new Answer(status, body, false));
        return this;
    }

    String dockerHost() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers(exchange), body));
            Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                    new Answer(404, "{\"message\":\"page not found\"}", false));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Api-Version", "1.43");
            exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        return headers;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
