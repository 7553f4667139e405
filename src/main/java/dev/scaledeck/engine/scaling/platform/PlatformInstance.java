package dev.scaledeck.engine.scaling.platform;

import java.net.URI;

/**
 * One instance as its platform sees it. Immutable.
 *
 * @param id      the instance id, as the balancer knows it
 * @param url     its base URL
 * @param running whether its process or server is up (the balancer decides whether it is healthy)
 */
public record PlatformInstance(String id, URI url, boolean running) {
}
