package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.pool.ConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connection budget as the database states it: {@code max_connections} minus the
 * connections reserved for superusers ({@code superuser_reserved_connections}, and
 * {@code reserved_connections} from PostgreSQL 16), minus a configured reserve. Asked at most
 * every {@link #REFRESH}; when the database cannot be asked, the last answer stands.
 * Thread-safe.
 */
public final class DatabaseConnectionBudget implements ConnectionBudget {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnectionBudget.class);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final String QUERY = "SELECT current_setting('max_connections')::int,"
            + " current_setting('superuser_reserved_connections')::int,"
            + " coalesce(current_setting('reserved_connections', true), '0')::int";

    private final Supplier<ConnectionPool> pool;
    private final int perInstance;
    private final int reserve;
    private final Clock clock;
    private Limit last;
    private Instant askedAt;

    /**
     * @param perInstance connections one instance's pool may hold ({@code scaling.instancePoolSize})
     * @param reserve     connections to leave free ({@code scaling.connectionReserve})
     */
    public DatabaseConnectionBudget(Supplier<ConnectionPool> pool, int perInstance, int reserve, Clock clock) {
        if (perInstance < 1) {
            throw new IllegalArgumentException("scaling.instancePoolSize must be >= 1, but was " + perInstance);
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("scaling.connectionReserve must be >= 0, but was " + reserve);
        }
        this.pool = pool;
        this.perInstance = perInstance;
        this.reserve = reserve;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Limit> limit() {
        Instant now = clock.instant();
        if (last == null || askedAt == null || !now.isBefore(askedAt.plus(REFRESH))) {
            try {
                last = pool.get().withConnection(c -> {
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(QUERY)) {
                        r.next();
                        return new Limit(r.getInt(1), r.getInt(2) + r.getInt(3), reserve, perInstance);
                    }
                });
                askedAt = now;
            } catch (Exception e) {
                LOG.warn("Could not read max_connections for the connection budget ({}); {}", e.getMessage(),
                        last == null ? "no budget known yet" : "keeping the last one");
            }
        }
        return Optional.ofNullable(last);
    }
}
