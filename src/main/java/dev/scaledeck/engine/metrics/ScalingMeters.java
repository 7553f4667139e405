package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.scaling.AutoScaler;
import dev.scaledeck.engine.scaling.ScalingAction;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.platform.PlatformException;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The auto-scaler's decisions and the platform's replicas. */
final class ScalingMeters implements MeterGroup {

    private final AutoScaler scaler;
    private final Supplier<Optional<ScalingPlatform>> platform;
    private final MeterFamily desired;
    private final MeterFamily ready;
    private final MeterFamily decisions;
    private final MeterFamily lastDecision;

    ScalingMeters(Families f, AutoScaler scaler, Supplier<Optional<ScalingPlatform>> platform) {
        this.scaler = scaler;
        this.platform = platform;
        desired = f.gauge("scaling.replicas.desired", "Replicas the platform is asked for (NaN until known)");
        ready = f.gauge("scaling.replicas.ready", "Replicas ready to take traffic");
        decisions = f.counter("scaling.decisions", "Auto-scaler decisions (and operator requests) by action");
        lastDecision = f.seconds("scaling.last.decision.timestamp", "When the auto-scaler last decided (Unix time; NaN before the first decision)");
    }

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public void refresh() {
        Map<Tags, Double> counts = Families.series();
        for (ScalingAction action : ScalingAction.values()) {
            counts.put(Tags.of("action", Families.label(action)), (double) scaler.decisionCount(action));
        }
        decisions.set(counts);
        Optional<ScalingDecision> last = scaler.lastDecision();
        lastDecision.set(last.map(d -> Families.epochSeconds(d.at())).orElse(Double.NaN));
        Optional<ReplicaStatus> replicas = replicas(last);
        desired.set(replicas.map(r -> (double) r.desired()).orElse(Double.NaN));
        ready.set(replicas.map(r -> (double) r.ready()).orElse(Double.NaN));
    }

    /**
     * Asked of a platform that answers locally; a remote one (Kubernetes, Swarm), one that scales
     * by itself, or none: the latest decision's, so a scrape costs no request to a cluster.
     */
    private Optional<ReplicaStatus> replicas(Optional<ScalingDecision> last) {
        ScalingPlatform p = platform.get().orElse(null);
        if (p != null && p.managedScaling().isEmpty() && !p.discoversInstances()) {
            try {
                return Optional.of(p.replicas());
            } catch (PlatformException e) {
                return Optional.empty();
            }
        }
        return last.map(d -> new ReplicaStatus(d.desired(), d.ready()));
    }
}
