package dev.scaledeck.engine.failover;

import java.net.URI;

/**
 * What the endpoint that finally answered said. Immutable.
 *
 * @param status   HTTP status
 * @param body     response body
 * @param endpoint which endpoint answered ({@code secondary http://127.0.0.1:8081})
 * @param uri      the full URI of the answering attempt
 * @param attempts attempts made, the answering one included
 */
public record FailoverResponse(int status, String body, String endpoint, URI uri, int attempts) {
}
