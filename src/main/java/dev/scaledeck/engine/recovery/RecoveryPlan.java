package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A disaster-recovery runbook, loaded and validated from YAML ({@link PlanLoader}). Immutable.
 *
 * @param id          what the operator types: {@code scaledeck dr run database-down}
 * @param name        one line for people
 * @param description what the scenario is and what the plan does
 * @param source      where it came from: {@code built-in:database-down.yaml} or a file path
 * @param signals     the scenario's signals; the plan matches when all of them are present
 * @param rpo         the data loss the business accepts
 * @param rto         the downtime the business accepts
 * @param impact      what the scenario costs
 * @param drill       the fault a drill injects; empty when the plan cannot be drilled
 * @param parameters  the placeholders the steps use, with their defaults ("" = must be given)
 * @param steps       in order
 */
public record RecoveryPlan(String id, String name, String description, String source, List<String> signals,
                           Duration rpo, Duration rto, BusinessImpact impact, Optional<DrillFault> drill,
                           Map<String, String> parameters, List<PlanStep> steps) {

    public RecoveryPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        signals = List.copyOf(signals);
        Objects.requireNonNull(rpo, "rpo");
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(drill, "drill");
        parameters = Map.copyOf(parameters);
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
    }
}
