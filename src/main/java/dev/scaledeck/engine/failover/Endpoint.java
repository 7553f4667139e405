package dev.scaledeck.engine.failover;

import java.util.Locale;
import java.util.Objects;

/**
 * One side of a failover pair. Immutable.
 *
 * @param role    primary or secondary
 * @param target  what to talk to: a base URL, a database URL
 * @param display how to show it, without any password
 */
public record Endpoint<E>(EndpointRole role, E target, String display) {

    public Endpoint {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(display, "display");
    }

    @Override
    public String toString() {
        return role.name().toLowerCase(Locale.ROOT) + " " + display;
    }
}
