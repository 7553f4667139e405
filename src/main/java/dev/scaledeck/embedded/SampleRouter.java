package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends each request to the endpoint registered for its exact path and method (404 for an
 * unknown path, 405 for a wrong method), writes the JSON answer, and meters every request
 * except the monitoring ones ({@code /health}, {@code /metrics}). Register routes before
 * the server starts; after that, thread-safe.
 */
final class SampleRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SampleRouter.class);
    private static final Set<String> MONITORING = Set.of("/health", "/metrics");

    private final String id;
    private final ObjectMapper json;
    private final InstanceMetrics metrics;
    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closing;

    SampleRouter(String id, ObjectMapper json, InstanceMetrics metrics) {
        this.id = id;
        this.json = json;
        this.metrics = metrics;
    }

    SampleRouter route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, endpoint);
        return this;
    }

    /** New requests get 503 from now on. */
    void stopAccepting() {
        closing = true;
    }

    /** Requests being handled now, monitoring included. */
    int active() {
        return active.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        active.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        boolean metered = !MONITORING.contains(path);
        long started = metered ? metrics.begin() : 0;
        int status = 500;
        try {
            HttpResponse response = answer(exchange, path);
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("{}: could not answer {} {}: {}", id, exchange.getRequestMethod(), path, e.toString());
        } finally {
            exchange.close();
            if (metered) {
                metrics.end(started, status);
            }
            active.decrementAndGet();
        }
    }

    private HttpResponse answer(HttpExchange exchange, String path) {
        if (closing) {
            return HttpResponse.error(503, "instance " + id + " is stopping");
        }
        Map<String, Endpoint> methods = routes.get(path);
        if (methods == null) {
            return HttpResponse.error(404, "no such path: " + path);
        }
        Endpoint endpoint = methods.get(exchange.getRequestMethod());
        if (endpoint == null) {
            String allowed = String.join(", ", new TreeSet<>(methods.keySet()));
            return new HttpResponse(405, Map.of("error", exchange.getRequestMethod() + " is not allowed on " + path
                    + "; use " + allowed), Map.of("Allow", allowed));
        }
        try {
            return endpoint.handle(exchange);
        } catch (HttpRequests.BadRequest e) {
            return HttpResponse.error(e.status(), e.getMessage());
        } catch (Exception e) {
            LOG.warn("{}: {} {} failed", id, exchange.getRequestMethod(), path, e);
            return HttpResponse.error(500, "internal error: " + e);
        }
    }

    private void send(HttpExchange exchange, HttpResponse response) throws IOException {
        byte[] body = json.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
