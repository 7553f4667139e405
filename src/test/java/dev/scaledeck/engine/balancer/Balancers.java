package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers shared by the balancer tests. */
final class Balancers {

    private Balancers() {
    }

    static InstanceSpec spec(String id, int weight) {
        return new InstanceSpec(id, URI.create("http://127.0.0.1:1/" + id), weight);
    }

    /** Defaults without slow start, so weights are exact from the first pick. */
    static BalancerConfig.Builder noSlowStart() {
        return BalancerConfig.builder().slowStart(Duration.ZERO);
    }

    static LoadBalancer balancer(BalancerConfig config, MutableClock clock, EventJournal journal, InstanceSpec... specs) {
        LoadBalancer lb = new LoadBalancer(config, clock, journal);
        for (InstanceSpec s : specs) {
            lb.add(s);
        }
        return lb;
    }

    /** Picks n times, completing each pick at once; the ids in order. */
    static List<String> picks(LoadBalancer lb, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Pick p = lb.next();
            ids.add(p.instance().id());
            p.success(Duration.ofMillis(1));
        }
        return ids;
    }

    static Map<String, Long> counts(List<String> ids) {
        return ids.stream().collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
    }

    /** Picks until the balancer hands out {@code id}, completing the other picks as successes. */
    static Pick pickOf(LoadBalancer lb, String id) {
        for (int i = 0; i < 10_000; i++) {
            Pick p = lb.next();
            if (p.instance().id().equals(id)) {
                return p;
            }
            p.success(Duration.ofMillis(1));
        }
        throw new AssertionError("the balancer never picked " + id);
    }

    /** Sends {@code n} failures of this kind to the instance. */
    static void fail(LoadBalancer lb, String id, int n, FailureKind kind) {
        for (int i = 0; i < n; i++) {
            pickOf(lb, id).failure(kind, Duration.ofMillis(5));
        }
    }

    static List<String> types(EventJournal journal, String category) {
        return journal.recent(1000).stream().filter(e -> e.category().equals(category))
                .map(e -> e.type() + ":" + e.subject()).collect(Collectors.toList());
    }

    static List<String> messages(EventJournal journal) {
        return journal.recent(1000).stream().map(EngineEvent::message).collect(Collectors.toList());
    }
}
