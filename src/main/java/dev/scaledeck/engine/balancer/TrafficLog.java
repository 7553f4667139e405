package dev.scaledeck.engine.balancer;

import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The balancer's DEBUG lines: the rotation each time its members change (not each time slow start
 * moves a weight), and every {@link #EVERY} how many requests each instance completed, so the log
 * shows where traffic went without one line per pick. Called under no lock; not thread-safe on its
 * own (the balancer calls {@link #traffic} from its one tick thread).
 */
final class TrafficLog {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final Logger log;
    private final Map<String, Long> requestsAtLastLine = new HashMap<>();
    private Instant lastLine;

    TrafficLog(Logger log) {
        this.log = log;
    }

    /** Logs the new rotation when who may be picked changed. */
    void rotation(Rotation previous, Rotation next, Strategy strategy) {
        if (!log.isDebugEnabled() || previous.panic() == next.panic() && ids(previous).equals(ids(next))) {
            return;
        }
        StringJoiner members = new StringJoiner(", ", "[", "]");
        for (Backend b : next.members()) {
            members.add(b.id() + " (weight " + b.spec.weight() + ")");
        }
        log.debug("Rotation ({}): {}{}", strategy, members, next.panic() ? " (panic: no instance is eligible)" : "");
    }

    private static List<String> ids(Rotation r) {
        return r.members().stream().map(Backend::id).toList();
    }

    /** Every {@link #EVERY}: requests completed per instance since the last line, and each one's state. */
    void traffic(List<Backend> backends, Instant now) {
        if (!log.isDebugEnabled()) {
            return;
        }
        if (lastLine == null) {
            lastLine = now;
            backends.forEach(b -> requestsAtLastLine.put(b.id(), b.traffic.requests()));
            return;
        }
        if (Duration.between(lastLine, now).compareTo(EVERY) < 0) {
            return;
        }
        StringJoiner line = new StringJoiner(", ");
        long total = 0;
        for (Backend b : backends) {
            long requests = b.traffic.requests();
            long since = requests - Objects.requireNonNullElse(requestsAtLastLine.put(b.id(), requests), 0L);
            total += since;
            line.add(b.id() + " " + since + " (" + b.health.state() + ")");
        }
        if (total > 0) {
            log.debug("Requests completed in the last {} s: {}", Duration.between(lastLine, now).toSeconds(), line);
        }
        lastLine = now;
    }
}
