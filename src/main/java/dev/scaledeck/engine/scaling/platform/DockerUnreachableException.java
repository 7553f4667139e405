package dev.scaledeck.engine.scaling.platform;

import java.io.IOException;

/**
 * No connection to the Docker daemon could be made: refused, no socket file, unknown host, or no
 * answer to the connect in time. The message names the daemon's address. Worth retrying later.
 */
public final class DockerUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    public DockerUnreachableException(String dockerHost, IOException cause) {
        super("the Docker daemon at " + dockerHost + " is not reachable: " + reason(cause), cause);
    }

    private static String reason(IOException cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
