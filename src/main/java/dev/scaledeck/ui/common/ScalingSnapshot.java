package dev.scaledeck.ui.common;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.scaling.AutoScaler;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingMode;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.platform.PlatformException;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The auto-scaler and the platform it scales, as the sampler read them at one moment. Immutable.
 *
 * @param mode            recommend or apply
 * @param rules           the policy and guards in force
 * @param policy          the policy in words ({@code threshold: up when any of cpu > 80 %, ...})
 * @param interval        how often the auto-scaler evaluates
 * @param metricsSource   where it reads metrics, e.g. {@code instances' /metrics}
 * @param decisions       the most recent decisions, oldest first (at most {@link #DECISIONS_KEPT})
 * @param cooldownUntil   when the cooldown after the last change ends, or null when none runs
 * @param platform        the platform's name, or null when the engine only watches the instances
 * @param target          what the platform scales ({@code the embedded sample instances}); null without one
 * @param replicas        the platform's replica counts, or null when unknown (no platform, it scales
 *                        by itself, or it could not be asked: see {@code replicasProblem})
 * @param managedScaling  the sentence saying the platform scales by itself; without a platform, why
 *                        there is none; otherwise null
 * @param replicasProblem why the platform could not say its replicas, or null
 */
public record ScalingSnapshot(ScalingMode mode, ScalingRules rules, String policy, Duration interval,
                              String metricsSource, List<ScalingDecision> decisions, Instant cooldownUntil,
                              String platform, String target, ReplicaStatus replicas, String managedScaling,
                              String replicasProblem) {

    /** Decisions a snapshot carries: enough for the decision log and the metric charts. */
    public static final int DECISIONS_KEPT = 200;

    public ScalingSnapshot {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rules, "rules");
        decisions = List.copyOf(decisions);
    }

    /**
     * Reads the auto-scaler, and the platform's replicas: asked of a local platform, taken from the
     * latest decision on a remote one (Kubernetes, Swarm), so sampling costs no network request.
     */
    public static ScalingSnapshot take(ScalingEngine engine) {
        AutoScaler scaler = engine.autoScaler();
        List<ScalingDecision> all = scaler.decisions();
        List<ScalingDecision> recent = all.subList(Math.max(0, all.size() - DECISIONS_KEPT), all.size());
        ScalingPlatform platform = engine.platform().orElse(null);
        String managed = platform == null ? scaler.missingPlatformReason() : platform.managedScaling().orElse(null);
        ReplicaStatus replicas = null;
        String problem = null;
        ScalingDecision last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        if (platform != null && managed == null && platform.discoversInstances()) {
            if (last != null) {
                replicas = new ReplicaStatus(last.desired(), last.ready());
            } else {
                problem = "not read yet (the auto-scaler reads them at each evaluation)";
            }
        } else if (platform != null && managed == null) {
            try {
                replicas = platform.replicas();
            } catch (PlatformException e) {
                problem = e.getMessage();
            }
        }
        return new ScalingSnapshot(scaler.mode(), scaler.rules(), scaler.policy().describe(), scaler.interval(),
                scaler.metricsSource(), recent, scaler.cooldownUntil().orElse(null),
                platform == null ? null : platform.name(), platform == null ? null : platform.target(), replicas,
                managed, problem);
    }

    /** The newest decision, or null before the first evaluation. */
    public ScalingDecision lastDecision() {
        return decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
    }

    /** Whether the operator (or the auto-scaler) can set the replica count: a platform that takes one. */
    public boolean canScale() {
        return platform != null && managedScaling == null;
    }
}
