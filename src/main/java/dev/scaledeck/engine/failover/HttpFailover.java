package dev.scaledeck.engine.failover;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.health.NetworkErrors;
import io.github.resilience4j.retry.Retry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An HTTP service with a primary and a secondary base URL (the seed's {@code FailoverService}).
 * Health is {@code GET {url}/health} answering 2xx. {@link #execute} sends a request to the
 * active endpoint and retries it with exponential backoff and jitter, bounded by attempts and
 * total time, when it is safe to repeat; failed attempts count as failed checks, so a request
 * that keeps failing on the primary fails over and its next attempt goes to the secondary.
 *
 * <p>Thread-safe.
 */
public final class HttpFailover implements AutoCloseable {

    /** Answers that mean "this endpoint cannot serve now", not "your request is wrong". */
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

    private final FailoverConfig config;
    private final HttpClient http;
    private final FailoverService<URI> service;
    private final BoundedRetry<FailoverResponse> retry;

    /** Retry waits really sleep. */
    public HttpFailover(String name, URI primary, URI secondary, FailoverConfig config, Clock clock, EventJournal journal) {
        this(name, primary, secondary, config, clock, journal, Sleeper.threadSleep());
    }

    /** Retry waits go through {@code sleeper} (tests record them and move the clock). */
    public HttpFailover(String name, URI primary, URI secondary, FailoverConfig config, Clock clock, EventJournal journal,
                        Sleeper sleeper) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.probeTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.service = new FailoverService<>(name, endpoint(EndpointRole.PRIMARY, primary),
                endpoint(EndpointRole.SECONDARY, secondary), config, this::probe, (to, from) -> { }, clock, journal);
        this.retry = new BoundedRetry<>("http-failover-" + name, config,
                response -> UNAVAILABLE.contains(response.status()), IOException.class::isInstance, clock, sleeper);
    }

    private static Endpoint<URI> endpoint(EndpointRole role, URI base) {
        return new Endpoint<>(role, base, DatabaseUrl.maskPasswords(base.toString()));
    }

    /**
     * Sends {@code request} to the active endpoint, retrying when it is safe to (idempotent,
     * marked safe, or allowed by {@link FailoverConfig#retryNonIdempotent()}) and the failure is
     * a network error or a 502/503/504. Any other answer, 4xx and 500 included, is returned as is.
     *
     * @throws RetryExhaustedException when every allowed attempt failed, with the last reason
     * @throws IOException             when a request that is not retried failed, with the reason
     */
    public FailoverResponse execute(FailoverRequest request) throws IOException, InterruptedException {
        boolean retryAllowed = request.idempotent() || request.safeToRetry() || config.retryNonIdempotent();
        try {
            return retry.execute((attempt, remaining) -> send(request, attempt, remaining), retryAllowed);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private FailoverResponse send(FailoverRequest request, int attempt, Duration remaining)
            throws IOException, InterruptedException {
        Endpoint<URI> endpoint = service.active();
        URI uri = resolve(endpoint.target(), request.path());
        // The attempt may not outlive the request's total time budget.
        Duration floor = Duration.ofMillis(1);
        Duration timeout = remaining.compareTo(config.requestTimeout()) < 0
                ? (remaining.compareTo(floor) < 0 ? floor : remaining) : config.requestTimeout();
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).method(request.method(), body);
        request.headers().forEach(builder::header);
        String what = request.method() + " " + endpoint.display() + request.path();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (UNAVAILABLE.contains(response.statusCode())) {
                service.recordFailure(endpoint.role(), "HTTP " + response.statusCode() + " for " + what);
            } else {
                service.recordSuccess(endpoint.role(), "HTTP " + response.statusCode() + " for " + what);
            }
            return new FailoverResponse(response.statusCode(), response.body(), endpoint.toString(), uri, attempt);
        } catch (IOException e) {
            String reason = NetworkErrors.describe(e, hostAndPort(uri), timeout) + " (" + what + ")";
            service.recordFailure(endpoint.role(), reason);
            throw new IOException(reason, e);
        }
    }

    private ProbeResult probe(Endpoint<URI> endpoint) {
        URI uri = resolve(endpoint.target(), "/health");
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(config.probeTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String detail = "GET " + endpoint.display() + "/health answered " + response.statusCode() + " in "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms";
            return response.statusCode() / 100 == 2 ? ProbeResult.healthy(detail) : ProbeResult.failed(detail);
        } catch (IOException e) {
            return ProbeResult.failed(NetworkErrors.describe(e, hostAndPort(uri), config.probeTimeout())
                    + " (GET " + endpoint.display() + "/health)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed("probe interrupted");
        }
    }

    static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** Probes both endpoints once and switches if due. */
    public FailoverSnapshot checkNow() {
        return service.checkNow();
    }

    public FailoverSnapshot snapshot() {
        return service.snapshot();
    }

    /** The base URL that takes new requests now. */
    public URI activeUrl() {
        return service.active().target();
    }

    /** Checks every {@link FailoverConfig#checkInterval()} on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler) {
        service.start(scheduler);
    }

    /** The Resilience4j retry, for its metrics and events. */
    public Retry retry() {
        return retry.retry();
    }

    /** Stops the periodic checks. Idempotent. */
    @Override
    public void close() {
        service.close();
    }
}
