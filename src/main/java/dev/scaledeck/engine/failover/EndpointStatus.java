package dev.scaledeck.engine.failover;

import java.time.Instant;

/**
 * One endpoint of a failover pair as last seen. Immutable snapshot.
 *
 * @param role                 primary or secondary
 * @param endpoint             how it is shown (no password)
 * @param healthy              whether its last check passed (false before the first)
 * @param consecutiveFailures  failed checks (and failed requests) in a row
 * @param consecutiveSuccesses healthy checks (and successful requests) in a row
 * @param lastDetail           what its last check said, or null before the first
 * @param lastCheckedAt        when it was last checked, or null before the first
 */
public record EndpointStatus(EndpointRole role, String endpoint, boolean healthy, int consecutiveFailures,
                             int consecutiveSuccesses, String lastDetail, Instant lastCheckedAt) {
}
