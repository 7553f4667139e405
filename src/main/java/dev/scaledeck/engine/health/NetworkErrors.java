package dev.scaledeck.engine.health;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns network exceptions into one line an operator can act on ("connection refused to
 * 127.0.0.1:5"), where the JDK often says only {@code java.net.ConnectException: null}. Any URL
 * in the text has its password masked.
 */
public final class NetworkErrors {

    private NetworkErrors() {
    }

    /**
     * @param error   what went wrong
     * @param target  where we tried to go, e.g. {@code 127.0.0.1:5}
     * @param timeout the time allowed, for timeout messages
     */
    public static String describe(Throwable error, String target, Duration timeout) {
        return networkCause(error, target, timeout).orElseGet(() -> error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + DatabaseUrl.maskPasswords(error.getMessage()))
                + " (" + target + ")");
    }

    /** The network reason for {@code error} in words, or empty when it is not a network failure. */
    public static Optional<String> networkCause(Throwable error, String target, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof HttpConnectTimeoutException
                    || (t instanceof SocketTimeoutException && message.contains("connect"))) {
                return Optional.of("no connection to " + target + " within " + Formats.text(timeout));
            }
            if (t instanceof ConnectException) {
                return Optional.of(message.contains("timed out")
                        ? "no connection to " + target + " within " + Formats.text(timeout)
                        : "connection refused to " + target);
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || message.contains("timed out")) {
                return Optional.of("no answer from " + target + " within " + Formats.text(timeout));
            }
            if (t instanceof UnknownHostException) {
                return Optional.of("unknown host " + t.getMessage() + " (" + target + ")");
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of("no route to " + target);
            }
            if (t instanceof EOFException || t instanceof ClosedChannelException
                    || message.contains("header parser received no bytes")) {
                return Optional.of("connection closed by " + target + " before it answered");
            }
        }
        return Optional.empty();
    }
}
