package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.balancer.BalancedHttpClient;
import dev.scaledeck.engine.balancer.BalancedRequestException;
import dev.scaledeck.engine.balancer.NoHealthyInstanceException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends a run's requests through the engine's load balancer, so the run shows how requests spread
 * over the instances and exercises ejection and failover. No instance to take a request (or an
 * executor that refuses it) is a CONNECT error. The balancer's client sends no custom headers:
 * the request's headers are not sent. Outstanding requests cannot be cancelled; once the run ends
 * they finish within their timeout unrecorded. Thread-safe.
 */
final class ClusterClient implements TargetClient {

    private final BalancedHttpClient cluster;
    private final String pathAndQuery;
    private final RequestSpec request;

    ClusterClient(BalancedHttpClient cluster, String pathAndQuery, RequestSpec request) {
        this.cluster = cluster;
        this.pathAndQuery = pathAndQuery;
        this.request = request;
    }

    @Override
    public void send(Completion completion) {
        try {
            cluster.sendAsync(request.method(), pathAndQuery, request.body(), request.timeout())
                    .whenComplete((response, error) -> {
                        if (error == null) {
                            completion.answered(response.instanceId(), response.statusCode(), response.body());
                        } else {
                            failed(completion, error);
                        }
                    });
        } catch (NoHealthyInstanceException | RejectedExecutionException e) {
            completion.failed(null, ErrorKind.CONNECT);
        } catch (RuntimeException e) {
            completion.failed(null, ErrorKind.OTHER);
        }
    }

    private static void failed(Completion completion, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof BalancedRequestException e) {
            completion.failed(e.instanceId(), switch (e.kind()) {
                case CONNECT -> ErrorKind.CONNECT;
                case TIMEOUT -> ErrorKind.TIMEOUT;
                default -> ErrorKind.OTHER;
            });
        } else if (cause instanceof RejectedExecutionException) {
            completion.failed(null, ErrorKind.CONNECT);
        } else {
            completion.failed(null, ErrorKind.OTHER);
        }
    }

    /** Nothing to free: the balancer and its client belong to the engine. */
    @Override
    public void close() {
    }
}
