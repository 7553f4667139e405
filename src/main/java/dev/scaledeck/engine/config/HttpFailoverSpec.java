package dev.scaledeck.engine.config;

import java.net.URI;
import java.util.Objects;

/**
 * An HTTP service with a standby ({@code SCALEDECK_HTTP_FAILOVER}): requests go to the primary
 * while it is healthy, to the secondary after it fails, and back once the primary recovers.
 *
 * @param name      how the engine, events and the window call it
 * @param primary   base URL of the primary
 * @param secondary base URL of the standby
 */
public record HttpFailoverSpec(String name, URI primary, URI secondary) {

    public HttpFailoverSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
    }
}
