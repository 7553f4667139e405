package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Turns fabric8's {@link KubernetesClientException} into a {@link PlatformException} with a short
 * reason (the API server's own message, not fabric8's request dump; for a transport failure, what
 * happened with which server) and whether a retry may help. Stateless.
 */
final class KubernetesFailures {

    static final String PLATFORM = "kubernetes";
    static final int NOT_FOUND = 404;

    private KubernetesFailures() {
    }

    /** The failure of {@code operation} on the API server at {@code apiServer}, with the server's reason. */
    static PlatformException of(String operation, String apiServer, KubernetesClientException e) {
        return because(operation, reason(e, apiServer), e);
    }

    /** The failure of {@code operation}, with a reason of our own (a clearer not-found). */
    static PlatformException because(String operation, String reason, KubernetesClientException e) {
        return new PlatformException(PLATFORM, operation, reason, retryable(e), e);
    }

    /**
     * Timeouts, unreachable servers, conflicts (409: someone changed the object meanwhile),
     * throttling (429) and server errors may pass on a retry; authentication, authorization,
     * not found, invalid requests (401, 403, 404, 422, other 4xx) and TLS failures will not.
     */
    static boolean retryable(KubernetesClientException e) {
        int code = e.getCode();
        if (code >= 500 || code == 408 || code == 409 || code == 429) {
            return true;
        }
        if (code >= 400) {
            return false;
        }
        if (cause(e, SSLException.class) != null) {
            return false;
        }
        return e instanceof KubernetesClientTimeoutException || timedOut(e) || cause(e, IOException.class) != null;
    }

    /** The API server's message with the HTTP status, else what went wrong on the way to it. */
    static String reason(KubernetesClientException e, String apiServer) {
        Status status = e.getStatus();
        if (e.getCode() > 0) {
            boolean hasMessage = status != null && status.getMessage() != null && !status.getMessage().isBlank();
            return (hasMessage ? status.getMessage() + " " : "") + "(HTTP " + e.getCode() + ")";
        }
        if (cause(e, SSLException.class) != null) {
            return "TLS with the API server at " + apiServer + " failed" + detail(cause(e, SSLException.class));
        }
        if (cause(e, ConnectException.class) != null) {
            return "cannot connect to the API server at " + apiServer + detail(cause(e, ConnectException.class));
        }
        if (e instanceof KubernetesClientTimeoutException || timedOut(e)) {
            return "the API server at " + apiServer + " did not answer in time";
        }
        return deepestMessage(e);
    }

    private static boolean timedOut(Throwable e) {
        return cause(e, HttpTimeoutException.class) != null || cause(e, TimeoutException.class) != null
                || cause(e, InterruptedIOException.class) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String detail(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? "" : ": " + t.getMessage();
    }

    private static String deepestMessage(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return message;
    }
}
