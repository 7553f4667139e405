package dev.scaledeck.cli;

import dev.scaledeck.engine.balancer.BalancerStats;
import dev.scaledeck.engine.balancer.InstanceStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code scaledeck instances}: every instance, whether it takes traffic, and why. */
@Command(name = "instances", mixinStandardHelpOptions = true,
        description = "List the instances as the load balancer sees them after probing each one's /health "
                + "(as often as the unhealthy threshold needs): state and reason, weight, breaker.%n"
                + "Exit 0 when at least one instance can take traffic, 1 otherwise.")
public final class InstancesCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        return withEngine((engine, config) -> {
            int rounds = Math.max(config.balancer().unhealthyThreshold(), config.balancer().healthyThreshold());
            for (int i = 0; i < rounds; i++) {
                try {
                    engine.probeInstances().get(config.balancer().probeTimeout().toMillis() * 2 + 500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    break;
                }
            }
            BalancerStats stats = engine.balancer().stats();
            Map<String, Boolean> running = new LinkedHashMap<>();
            engine.platform().ifPresent(p -> p.instances().forEach(i -> running.put(i.id(), i.running())));
            PrintWriter out = out();
            if (json) {
                OneShot.printJson(out, toJson(stats, running));
            } else {
                out.printf("Strategy   %s%s, %d of %d instances take traffic%n", stats.strategy(),
                        stats.panic() ? " (PANIC)" : "", stats.eligible(), stats.instances().size());
                for (InstanceStats s : stats.instances()) {
                    out.printf("  %-12s %-28s weight %-3d %-9s breaker %-9s %s%n", s.id(), s.url(), s.weight(),
                            s.state(), s.breakerState(), s.reason());
                }
                out.flush();
            }
            return stats.eligible() > 0 ? ExitCodes.OK : ExitCodes.PROBLEM;
        });
    }

    static Map<String, Object> toJson(BalancerStats stats, Map<String, Boolean> running) {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (InstanceStats s : stats.instances()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("id", s.id());
            i.put("url", s.url().toString());
            i.put("weight", s.weight());
            i.put("effectiveWeight", s.effectiveWeight());
            i.put("state", s.state().name());
            i.put("reason", s.reason());
            i.put("since", s.since().toString());
            i.put("eligible", s.eligible());
            i.put("breaker", s.breakerState().name());
            i.put("inFlight", s.inFlight());
            i.put("requests", s.requests());
            i.put("errors", s.errors());
            i.put("latencyP50Ms", s.latencyP50Ms());
            i.put("latencyP99Ms", s.latencyP99Ms());
            i.put("trafficShare", s.trafficShare());
            if (running.containsKey(s.id())) {
                i.put("running", running.get(s.id()));
            }
            instances.add(i);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("strategy", stats.strategy().name());
        json.put("panic", stats.panic());
        json.put("eligible", stats.eligible());
        json.put("instances", instances);
        return json;
    }
}
