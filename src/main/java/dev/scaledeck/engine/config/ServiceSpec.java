package dev.scaledeck.engine.config;

import java.net.URI;
import java.util.Objects;

/**
 * An external HTTP service the health checks watch ({@code SCALEDECK_HEALTH_SERVICES}).
 *
 * @param name how checks and alerts call it
 * @param url  what is fetched; 2xx is healthy
 */
public record ServiceSpec(String name, URI url) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }
}
