package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.recovery.DetectedScenario;
import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunState;
import dev.scaledeck.engine.recovery.RunbookProgress;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The runbooks, what detection matched, the runs and each plan's last drill against its targets. */
final class RecoveryMeters implements MeterGroup {

    private final DisasterRecoveryCoordinator recovery;
    private final MeterFamily plans;
    private final MeterFamily detected;
    private final MeterFamily planDetected;
    private final MeterFamily runs;
    private final MeterFamily running;
    private final MeterFamily rtoTarget;
    private final MeterFamily rpoTarget;
    private final MeterFamily drillRto;
    private final MeterFamily drillRpo;
    private final MeterFamily drillAt;
    private final MeterFamily neverDrilled;

    RecoveryMeters(Families f, DisasterRecoveryCoordinator recovery) {
        this.recovery = recovery;
        plans = f.gauge("dr.plans", "Disaster-recovery plans loaded");
        detected = f.gauge("dr.scenarios.detected", "Scenarios detection matches now");
        planDetected = f.gauge("dr.plan.detected", "1 while detection matches the plan's scenario");
        runs = f.gauge("dr.runs", "Runs in the recovery journal, by state");
        running = f.gauge("dr.run.in.progress", "1 while a recovery run is under way");
        rtoTarget = f.seconds("dr.plan.rto.target", "The downtime the plan's business accepts");
        rpoTarget = f.seconds("dr.plan.rpo.target", "The data loss the plan's business accepts");
        drillRto = f.seconds("dr.last.drill.rto", "Downtime the plan's last successful drill measured (NaN: never drilled)");
        drillRpo = f.seconds("dr.last.drill.rpo", "Data loss the plan's last successful drill measured (NaN: never drilled)");
        drillAt = f.seconds("dr.last.drill.timestamp", "When the plan's last successful drill ended (Unix time)");
        neverDrilled = f.gauge("dr.plan.never.drilled", "1 when the plan has no successful drill");
    }

    @Override
    public String name() {
        return "disaster recovery";
    }

    @Override
    public void refresh() {
        List<RecoveryPlan> all = recovery.plans();
        List<DetectedScenario> matched = recovery.detected();
        // One read of the journal for every plan (lastDrill(plan) reads it once per plan).
        List<RunbookProgress> history = recovery.history();
        plans.set(all.size());
        detected.set(matched.size());
        running.set(Families.flag(recovery.current().isPresent()));
        Map<Tags, Double> byState = Families.series();
        for (RunState state : RunState.values()) {
            byState.put(Tags.of("state", Families.label(state)),
                    (double) history.stream().filter(r -> r.state() == state).count());
        }
        runs.set(byState);
        Set<String> detectedIds = matched.stream().map(DetectedScenario::planId).collect(Collectors.toSet());
        Map<Tags, Double> isDetected = Families.series();
        Map<Tags, Double> rto = Families.series();
        Map<Tags, Double> rpo = Families.series();
        Map<Tags, Double> measuredRto = Families.series();
        Map<Tags, Double> measuredRpo = Families.series();
        Map<Tags, Double> measuredAt = Families.series();
        Map<Tags, Double> never = Families.series();
        for (RecoveryPlan p : all) {
            Tags plan = Tags.of("plan", p.id());
            isDetected.put(plan, Families.flag(detectedIds.contains(p.id())));
            rto.put(plan, Families.seconds(p.rto()));
            rpo.put(plan, Families.seconds(p.rpo()));
            Optional<RunbookProgress> drill = lastDrill(history, p.id());
            Optional<DrillMeasurement> m = drill.flatMap(RunbookProgress::measured);
            never.put(plan, Families.flag(drill.isEmpty()));
            measuredRto.put(plan, m.map(d -> Families.seconds(d.rto())).orElse(Double.NaN));
            measuredRpo.put(plan, m.map(d -> Families.seconds(d.rpo())).orElse(Double.NaN));
            measuredAt.put(plan, drill.map(r -> Families.epochSeconds(r.finished().orElse(r.started()))).orElse(Double.NaN));
        }
        planDetected.set(isDetected);
        rtoTarget.set(rto);
        rpoTarget.set(rpo);
        drillRto.set(measuredRto);
        drillRpo.set(measuredRpo);
        drillAt.set(measuredAt);
        neverDrilled.set(never);
    }

    /** As {@link DisasterRecoveryCoordinator#lastDrill}: the newest successful drill that measured something. */
    private static Optional<RunbookProgress> lastDrill(List<RunbookProgress> history, String planId) {
        return history.stream()
                .filter(r -> r.planId().equals(planId) && r.mode() == RunMode.DRILL && r.succeeded() && r.measured().isPresent())
                .findFirst();
    }
}
