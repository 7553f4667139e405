package dev.scaledeck.engine.config;

import java.net.URI;
import java.util.Objects;

/**
 * One application instance as configured ({@code LOAD_BALANCER_INSTANCES}) or started by a platform.
 *
 * @param id     unique, non-empty name
 * @param url    base URL (http or https); {@code /health} and {@code /metrics} are relative to it
 * @param weight relative share of traffic, 1..1000
 */
public record InstanceSpec(String id, URI url, int weight) {

    public static final int MAX_WEIGHT = 1000;

    public InstanceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (id.isBlank()) {
            throw new IllegalArgumentException("instance id must not be empty");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("instance weight must be from 1 to " + MAX_WEIGHT + ", but was " + weight);
        }
    }
}
