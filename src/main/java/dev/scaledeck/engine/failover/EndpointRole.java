package dev.scaledeck.engine.failover;

/** Which of the two endpoints: the preferred primary or the standby secondary. */
public enum EndpointRole {
    PRIMARY, SECONDARY;

    public EndpointRole other() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }
}
