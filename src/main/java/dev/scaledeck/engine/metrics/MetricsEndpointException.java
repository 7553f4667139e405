package dev.scaledeck.engine.metrics;

import java.io.IOException;

/**
 * The metrics endpoint cannot listen where it is configured to (the port is taken, the address
 * is not this machine's). The message names the address and port and what to change; it is
 * shown as-is.
 */
public final class MetricsEndpointException extends IOException {

    public MetricsEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
