package dev.scaledeck.engine.balancer;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Sends HTTP requests "through the cluster": each goes to the instance {@link LoadBalancer#next()}
 * picks, and its outcome is reported back to the pick (a 5xx answer as HTTP_5XX, a 4xx as HTTP_4XX,
 * a refused or timed-out connect as CONNECT, no answer in time as TIMEOUT), so breakers and
 * outlier detection see real traffic. Any HTTP answer is returned, 5xx included; no answer is a
 * {@link BalancedRequestException}. No retries: the caller decides. Thread-safe.
 */
public final class BalancedHttpClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final LoadBalancer balancer;
    private final HttpClient http;

    /**
     * @param balancer picks the instances
     * @param io       runs the HTTP client's work
     */
    public BalancedHttpClient(LoadBalancer balancer, ExecutorService io) {
        this.balancer = Objects.requireNonNull(balancer, "balancer");
        this.http = HttpClient.newBuilder()
                .executor(Objects.requireNonNull(io, "io"))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Sends one request and waits for the answer.
     *
     * @param method  GET, POST, ...
     * @param path    relative to the instance's base URL, e.g. {@code /convert?x=1}
     * @param body    request body, or null for none
     * @param timeout for the whole exchange
     * @throws NoHealthyInstanceException when no instance can take it
     * @throws BalancedRequestException   when the instance gave no answer
     * @throws InterruptedException       when interrupted while waiting (the request is abandoned)
     */
    public BalancedResponse send(String method, String path, String body, Duration timeout) throws InterruptedException {
        CompletableFuture<BalancedResponse> future = sendAsync(method, path, body, timeout);
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /**
     * As {@link #send}, without waiting. The future fails with {@link BalancedRequestException}
     * when the instance gave no answer; a {@link NoHealthyInstanceException} is thrown at once.
     */
    public CompletableFuture<BalancedResponse> sendAsync(String method, String path, String body, Duration timeout) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        Pick pick = balancer.next();
        String instanceId = pick.instance().id();
        URI uri = resolve(pick.instance().url(), path);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method.toUpperCase(Locale.ROOT), body == null
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (RuntimeException e) {
            pick.failure(FailureKind.HTTP_4XX, Duration.ZERO); // our request is malformed: not the instance's fault
            throw new IllegalArgumentException("Cannot build " + method + " " + path + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (error != null) {
                FailureKind kind = classify(error);
                pick.failure(kind, latency);
                throw new BalancedRequestException(method + " " + path + " to instance " + instanceId + " (" + uri
                        + ") failed after " + latency.toMillis() + " ms: " + describe(kind, error, timeout),
                        instanceId, kind, unwrap(error));
            }
            int status = response.statusCode();
            if (status >= 500) {
                pick.failure(FailureKind.HTTP_5XX, latency);
            } else if (status >= 400) {
                pick.failure(FailureKind.HTTP_4XX, latency);
            } else {
                pick.success(latency);
            }
            return new BalancedResponse(instanceId, status, response.body(), latency);
        });
    }

    static URI resolve(URI base, String path) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + (path.startsWith("/") ? path : "/" + path));
    }

    static FailureKind classify(Throwable error) {
        for (Throwable t = unwrap(error); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof ClosedChannelException) {
                return FailureKind.CONNECT;
            }
            if (t instanceof HttpTimeoutException) {
                return FailureKind.TIMEOUT;
            }
        }
        return FailureKind.OTHER;
    }

    private static String describe(FailureKind kind, Throwable error, Duration timeout) {
        switch (kind) {
            case CONNECT:
                return "could not connect (" + message(unwrap(error)) + ")";
            case TIMEOUT:
                return "no answer within " + timeout.toMillis() + " ms";
            default:
                return message(unwrap(error));
        }
    }

    private static String message(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
