package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The business impact of one plan's scenario, assessed now. Immutable.
 *
 * @param planId              the plan
 * @param planName            its name
 * @param services            affected services (from the plan)
 * @param userGroups          affected user groups (from the plan)
 * @param affectedUsers       counted from the database now; empty when it could not be counted
 * @param usersNote           how they were counted, or why they could not be
 * @param newestVerifiedBackup when the newest backup that passed verification was taken
 * @param dataAtRisk          now minus {@code newestVerifiedBackup}; empty when there is none
 * @param rpoTarget           the plan's RPO
 * @param lastDrill           when the plan last succeeded as a drill
 * @param measuredRto         the RTO that drill measured (the expected downtime)
 * @param measuredRpo         the RPO that drill measured
 * @param rtoTarget           the plan's RTO
 * @param costPerHour         downtime cost per hour (from the plan)
 * @param currency            of the cost
 * @param findings            one line each: RPO at risk, RTO missed, never drilled, ...
 */
public record PlanImpact(String planId, String planName, List<String> services, List<String> userGroups,
                         OptionalLong affectedUsers, String usersNote, Optional<Instant> newestVerifiedBackup,
                         Optional<Duration> dataAtRisk, Duration rpoTarget, Optional<Instant> lastDrill,
                         Optional<Duration> measuredRto, Optional<Duration> measuredRpo, Duration rtoTarget,
                         double costPerHour, String currency, List<String> findings) {

    public PlanImpact {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(planName, "planName");
        services = List.copyOf(services);
        userGroups = List.copyOf(userGroups);
        Objects.requireNonNull(affectedUsers, "affectedUsers");
        Objects.requireNonNull(usersNote, "usersNote");
        Objects.requireNonNull(newestVerifiedBackup, "newestVerifiedBackup");
        Objects.requireNonNull(dataAtRisk, "dataAtRisk");
        Objects.requireNonNull(rpoTarget, "rpoTarget");
        Objects.requireNonNull(lastDrill, "lastDrill");
        Objects.requireNonNull(measuredRto, "measuredRto");
        Objects.requireNonNull(measuredRpo, "measuredRpo");
        Objects.requireNonNull(rtoTarget, "rtoTarget");
        Objects.requireNonNull(currency, "currency");
        findings = List.copyOf(findings);
    }

    public boolean neverDrilled() {
        return lastDrill.isEmpty();
    }

    /** Whether the data at risk is within the RPO target (false when there is no verified backup). */
    public boolean rpoMet() {
        return dataAtRisk.map(d -> d.compareTo(rpoTarget) <= 0).orElse(false);
    }

    /** Whether the last drill's RTO was within the target (false when never drilled). */
    public boolean rtoMet() {
        return measuredRto.map(d -> d.compareTo(rtoTarget) <= 0).orElse(false);
    }

    /** The cost of the expected downtime (measured RTO x cost per hour), when drilled. */
    public Optional<Double> expectedCost() {
        return measuredRto.map(d -> costPerHour * d.toMillis() / 3_600_000.0);
    }
}
