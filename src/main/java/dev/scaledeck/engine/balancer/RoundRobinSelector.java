package dev.scaledeck.engine.balancer;

/** Plain round-robin: each member in turn (per {@link StripedCursor} stripe), weights ignored. Thread-safe, lock-free. */
final class RoundRobinSelector implements Selector {

    private final Backend[] members;
    private final StripedCursor cursor;

    RoundRobinSelector(Backend[] members, StripedCursor cursor) {
        this.members = members;
        this.cursor = cursor;
    }

    @Override
    public Backend select(int attempt) {
        return members[cursor.next() % members.length];
    }
}
