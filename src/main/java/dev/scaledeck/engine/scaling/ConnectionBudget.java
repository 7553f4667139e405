package dev.scaledeck.engine.scaling;

import java.util.Optional;

/**
 * How many instances the database can serve: each instance holds a pool of connections, and
 * together they must stay within the database's {@code max_connections}. The auto-scaler asks
 * before every scale-up. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConnectionBudget {

    /** A budget that never limits (what-if replays, which touch no database). */
    ConnectionBudget UNLIMITED = () -> Optional.of(new Limit(Integer.MAX_VALUE, 0, 0, 1));

    /**
     * The budget now, or empty when it is not known (the database cannot be asked and never
     * could be); then scaling goes ahead and says the budget was not checked.
     */
    Optional<Limit> limit();

    /**
     * The database's room for instances. Immutable.
     *
     * @param maxConnections       the database's {@code max_connections}
     * @param reservedBySystem     connections only superusers (and reserved roles) may use
     * @param reserve              connections kept free for everything else (operators, migrations, ScaleDeck)
     * @param perInstance          connections one instance's pool may hold
     */
    record Limit(int maxConnections, int reservedBySystem, int reserve, int perInstance) {

        public Limit {
            if (perInstance < 1) {
                throw new IllegalArgumentException("per-instance pool size must be >= 1, but was " + perInstance);
            }
        }

        /** Connections the instances may use together. */
        public int available() {
            return Math.max(0, maxConnections - reservedBySystem - reserve);
        }

        /** The most instances whose pools fit. */
        public int maxReplicas() {
            return available() / perInstance;
        }

        /**
         * Why {@code replicas} do not fit: {@code 10 x 20 connections = 200 > 187 available
         * (max_connections 200 - 3 reserved - 10 reserve)}.
         */
        public String explain(int replicas) {
            return replicas + " x " + perInstance + " connections = " + (long) replicas * perInstance
                    + (replicas <= maxReplicas() ? " <= " : " > ") + available() + " available (max_connections "
                    + maxConnections + " - " + reservedBySystem + " reserved - " + reserve + " reserve)";
        }
    }
}
