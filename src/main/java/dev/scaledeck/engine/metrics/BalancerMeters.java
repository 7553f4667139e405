package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.BreakerState;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceStats;
import io.micrometer.core.instrument.Tags;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The load balancer and each instance it knows, from one {@link BalancerStats} per scrape. */
final class BalancerMeters implements MeterGroup {

    /** An instance leaves the stats once removed, so REMOVED is never a current state. */
    /**
     * Not {@code instance}: Prometheus gives every scraped series an {@code instance} label (the
     * target) and would rename ours to {@code exported_instance}.
     */
    static final String INSTANCE = "instance_id";

    private static final Set<InstanceHealth> STATES = EnumSet.complementOf(EnumSet.of(InstanceHealth.REMOVED));

    private final Supplier<BalancerStats> stats;
    private final MeterFamily state;
    private final MeterFamily breaker;
    private final MeterFamily requests;
    private final MeterFamily errors;
    private final MeterFamily inFlight;
    private final MeterFamily latency;
    private final MeterFamily weight;
    private final MeterFamily eligible;
    private final MeterFamily panic;

    BalancerMeters(Families f, Supplier<BalancerStats> stats) {
        this.stats = stats;
        state = f.gauge("balancer.instance.state", "1 for the instance's state with the balancer, 0 for the others");
        breaker = f.gauge("balancer.instance.breaker.state", "1 for the state of the instance's circuit breaker, 0 for the others");
        requests = f.counter("balancer.requests", "Requests completed through the instance since it was added");
        errors = f.counter("balancer.errors", "Requests that failed through the instance's fault (4xx excluded)");
        inFlight = f.gauge("balancer.requests.in.flight", "Requests picked for the instance and not yet completed");
        latency = f.seconds("balancer.latency", "The instance's latency over the balancer's stats window, by quantile (NaN without requests in it)");
        weight = f.gauge("balancer.instance.weight.effective", "The instance's weight now (lower during slow start)");
        eligible = f.gauge("balancer.instances.eligible", "Instances that may be picked: healthy, breaker not open");
        panic = f.gauge("balancer.panic", "1 while no instance is eligible");
    }

    @Override
    public String name() {
        return "balancer";
    }

    @Override
    public void refresh() {
        BalancerStats s = stats.get();
        Map<Tags, Double> states = Families.series();
        Map<Tags, Double> breakers = Families.series();
        Map<Tags, Double> requestTotals = Families.series();
        Map<Tags, Double> errorTotals = Families.series();
        Map<Tags, Double> flying = Families.series();
        Map<Tags, Double> latencies = Families.series();
        Map<Tags, Double> weights = Families.series();
        for (InstanceStats i : s.instances()) {
            Tags instance = Tags.of(INSTANCE, i.id());
            Families.putStates(states, instance, i.state(), STATES);
            Families.putStates(breakers, instance, i.breakerState(), EnumSet.allOf(BreakerState.class));
            requestTotals.put(instance, (double) i.requests());
            errorTotals.put(instance, (double) i.errors());
            flying.put(instance, (double) i.inFlight());
            latencies.put(instance.and("quantile", "0.5"), Families.millisToSeconds(i.latencyP50Ms()));
            latencies.put(instance.and("quantile", "0.99"), Families.millisToSeconds(i.latencyP99Ms()));
            weights.put(instance, i.effectiveWeight());
        }
        state.set(states);
        breaker.set(breakers);
        requests.set(requestTotals);
        errors.set(errorTotals);
        inFlight.set(flying);
        latency.set(latencies);
        weight.set(weights);
        eligible.set(s.eligible());
        panic.set(Families.flag(s.panic()));
    }
}
