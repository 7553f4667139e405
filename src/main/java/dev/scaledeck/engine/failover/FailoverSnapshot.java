package dev.scaledeck.engine.failover;

import java.time.Instant;

/**
 * A failover pair at one point in time. Immutable snapshot; the UI pulls it.
 *
 * @param name             which pair: {@code database}, {@code api}
 * @param time             when the snapshot was taken (engine clock)
 * @param state            where the pair stands
 * @param active           which endpoint takes the work
 * @param activeEndpoint   the active endpoint, shown without password
 * @param since            when the current state began
 * @param primary          the primary as last seen
 * @param secondary        the secondary as last seen
 * @param lastSwitchReason why the last failover or failback happened (or failed), or null if none yet
 * @param failovers        failovers to the secondary since start
 * @param failbacks        failbacks to the primary since start
 */
public record FailoverSnapshot(String name, Instant time, FailoverState state, EndpointRole active,
                               String activeEndpoint, Instant since, EndpointStatus primary,
                               EndpointStatus secondary, String lastSwitchReason, long failovers, long failbacks) {

    public EndpointStatus status(EndpointRole role) {
        return role == EndpointRole.PRIMARY ? primary : secondary;
    }
}
