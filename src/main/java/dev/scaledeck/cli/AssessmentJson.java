package dev.scaledeck.cli;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.ImpactAssessment;
import dev.scaledeck.engine.recovery.ImpactStatus;
import dev.scaledeck.engine.recovery.PlanImpact;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An impact assessment as {@code scaledeck dr assess --json} prints it: durations in milliseconds
 * ({@code dataAtRiskMs}) and as text ({@code dataAtRisk}), absent figures as null. Stateless.
 */
final class AssessmentJson {

    private AssessmentJson() {
    }

    static Map<String, Object> of(ImpactAssessment assessment) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("at", assessment.at().toString());
        doc.put("plans", assessment.plans().stream().map(AssessmentJson::plan).toList());
        return doc;
    }

    private static Map<String, Object> plan(PlanImpact p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("planId", p.planId());
        doc.put("planName", p.planName());
        doc.put("status", ImpactStatus.of(p).label());
        doc.put("services", p.services());
        doc.put("userGroups", p.userGroups());
        doc.put("affectedUsers", p.affectedUsers().isPresent() ? p.affectedUsers().getAsLong() : null);
        doc.put("usersNote", p.usersNote());
        doc.put("newestVerifiedBackup", instant(p.newestVerifiedBackup()));
        duration(doc, "dataAtRisk", p.dataAtRisk(), Durations::human);
        duration(doc, "rpoTarget", Optional.of(p.rpoTarget()), Durations::format);
        doc.put("rpoMet", p.rpoMet());
        doc.put("lastDrill", instant(p.lastDrill()));
        duration(doc, "measuredRto", p.measuredRto(), Durations::measured);
        duration(doc, "measuredRpo", p.measuredRpo(), Durations::measured);
        duration(doc, "rtoTarget", Optional.of(p.rtoTarget()), Durations::format);
        doc.put("rtoMet", p.rtoMet());
        doc.put("costPerHour", p.costPerHour());
        doc.put("currency", p.currency());
        doc.put("expectedCost", p.expectedCost().map(c -> Math.round(c * 100) / 100.0).orElse(null));
        doc.put("findings", p.findings());
        return doc;
    }

    /** {@code nameMs} and {@code name} as text: an age as {@code 3h 5m}, a target as written, a measurement precisely. */
    private static void duration(Map<String, Object> doc, String name, Optional<Duration> d,
                                 Function<Duration, String> text) {
        doc.put(name + "Ms", d.map(Duration::toMillis).orElse(null));
        doc.put(name, d.map(text).orElse(null));
    }

    private static String instant(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
