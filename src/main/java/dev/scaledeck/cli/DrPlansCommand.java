package dev.scaledeck.cli;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.DisasterRecoveryCoordinator;
import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.PlanProblem;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RunbookProgress;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code scaledeck dr plans}: every runbook with its targets and last drill, and the files that did not load. */
@Command(name = "plans", mixinStandardHelpOptions = true,
        description = "Every recovery plan (the shipped runbooks and those in HOME/runbooks or recovery.directory): "
                + "signals, RPO and RTO targets, steps, the drill's fault, and the last successful drill with its "
                + "measured RTO and RPO (or NEVER DRILLED).%n"
                + "Runbook files that did not load are listed after them with file:line: what is wrong (on stderr; "
                + "under \"problems\" with --json). They do not change the exit code: 0 whenever the plans could be "
                + "listed.")
final class DrPlansCommand extends DrCommand.Sub {

    @Override
    public Integer call() throws Exception {
        return withEngine((engine, config) -> {
            DisasterRecoveryCoordinator recovery = engine.recovery();
            List<RecoveryPlan> plans = recovery.plans();
            List<PlanProblem> problems = recovery.problems();
            if (json) {
                List<Object> items = new ArrayList<>();
                plans.forEach(p -> items.add(planJson(p, recovery.lastDrill(p.id()))));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("plans", items);
                doc.put("problems", problems.stream().map(DrPlansCommand::problemJson).toList());
                OneShot.printJson(out(), doc);
                return ExitCodes.OK;
            }
            PrintWriter out = out();
            out.printf("%d plan(s); your own runbooks go in %s%n", plans.size(), config.recovery().directory());
            plans.forEach(p -> printPlan(out, p, recovery.lastDrill(p.id())));
            out.flush();
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("%d runbook problem(s); a file with any problem is not loaded:%n", problems.size());
                problems.forEach(p -> err.println("  " + p.describe()));
                err.flush();
            }
            return ExitCodes.OK;
        });
    }

    private static void printPlan(PrintWriter out, RecoveryPlan p, Optional<RunbookProgress> lastDrill) {
        out.printf("%n%s  %s%n", p.id(), p.name());
        row(out, "signals", String.join(", ", p.signals()));
        row(out, "targets", "RPO " + Durations.format(p.rpo()) + ", RTO " + Durations.format(p.rto()));
        row(out, "steps", String.valueOf(p.steps().size()));
        row(out, "drill", p.drill().map(DrillFault::yaml).orElse("no drill"));
        row(out, "last drill", lastDrill.flatMap(r -> r.measured().map(m -> DrillText.utc(r.finished().orElse(r.started()))
                + ": RTO " + DrillText.rto(m) + ", RPO " + DrillText.rpo(m))).orElse("NEVER DRILLED"));
        row(out, "source", p.source());
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("    %-11s %s%n", label, value);
    }

    private static Map<String, Object> planJson(RecoveryPlan p, Optional<RunbookProgress> lastDrill) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", p.id());
        doc.put("name", p.name());
        doc.put("description", p.description());
        doc.put("source", p.source());
        doc.put("signals", p.signals());
        doc.put("rpo", Durations.format(p.rpo()));
        doc.put("rpoMs", p.rpo().toMillis());
        doc.put("rto", Durations.format(p.rto()));
        doc.put("rtoMs", p.rto().toMillis());
        doc.put("steps", p.steps().size());
        doc.put("parameters", new java.util.TreeMap<>(p.parameters()));
        doc.put("drill", p.drill().map(DrillFault::yaml).orElse(null));
        doc.put("lastDrill", lastDrill.flatMap(r -> r.measured().map(m -> drillJson(r, m))).orElse(null));
        return doc;
    }

    private static Map<String, Object> drillJson(RunbookProgress run, DrillMeasurement m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", run.runId());
        doc.put("at", run.finished().orElse(run.started()).toString());
        doc.put("rtoMs", m.rto().toMillis());
        doc.put("rtoMet", m.rtoMet());
        doc.put("rpoMs", m.rpo().toMillis());
        doc.put("rpoMet", m.rpoMet());
        return doc;
    }

    private static Map<String, Object> problemJson(PlanProblem p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", p.file());
        doc.put("line", p.line());
        doc.put("message", p.message());
        doc.put("text", p.describe());
        return doc;
    }
}
