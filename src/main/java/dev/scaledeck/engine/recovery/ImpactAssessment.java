package dev.scaledeck.engine.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The business impact of every plan's scenario, assessed at one time: what an operator hands to
 * management ({@link ImpactReport#markdown}). Immutable.
 */
public record ImpactAssessment(Instant at, List<PlanImpact> plans) {

    public ImpactAssessment {
        Objects.requireNonNull(at, "at");
        plans = List.copyOf(plans);
    }
}
