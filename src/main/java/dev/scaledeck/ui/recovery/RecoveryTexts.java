package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.RecoveryPlan;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepProgress;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** How plans, runs and measurements read in the Disaster recovery section. Stateless. */
final class RecoveryTexts {

    static final String MET = "✓";
    static final String MISSED = "✗";

    private RecoveryTexts() {
    }

    /** A target, as the runbook gives it: {@code 5m}, {@code 30s}. */
    static String target(Duration d) {
        return Durations.format(d);
    }

    /** {@code RTO 4.2 s (target 5m) ✓}. */
    static String versus(String what, Duration measured, Duration target) {
        return what + " " + Durations.measured(measured) + " (target " + target(target) + ") "
                + (measured.compareTo(target) <= 0 ? MET : MISSED);
    }

    /** {@code dry run}, {@code drill}, {@code execution}: what the operator calls a run of this mode. */
    static String noun(RunMode mode) {
        return switch (mode) {
            case DRY_RUN -> "dry run";
            case DRILL -> "drill";
            case EXECUTE -> "execution";
        };
    }

    /** {@code Drill of Database down (database-down)}. */
    static String runTitle(RunbookProgress run) {
        String noun = noun(run.mode());
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1) + " of " + run.planName() + " ("
                + run.planId() + ")";
    }

    /** What a fault does to the embedded environment, in words. */
    static String fault(DrillFault fault) {
        return switch (fault) {
            case DATABASE_DOWN -> "database-down (stops the embedded PostgreSQL, as a crash of the server would)";
            case INSTANCE_CRASH -> "instance-crash (stops one sample instance, as a crashed process would)";
            case USER_DATA_DAMAGED -> "user-data-damaged (renames and deletes some of one user's rows)";
            case BACKUP_REPOSITORY_LOST -> "backup-repository-lost (moves the primary backup repository aside)";
        };
    }

    /** The drill confirmation: exactly what will happen. */
    static String drillQuestion(RecoveryPlan plan, DrillFault fault) {
        return "The drill injects " + fault(fault) + " into the embedded environment, runs the plan's "
                + steps(plan.steps().size()) + ", measures RTO and RPO, then undoes the fault and whatever the plan "
                + "left behind.\n\nTargets: RTO " + target(plan.rto()) + ", RPO " + target(plan.rpo()) + ".\n"
                + "The drill chooses the plan's parameters itself. The service is really down while it runs; "
                + "steps that ask for approval wait for you.";
    }

    /** The execute confirmation: every step, in order, and the parameters. */
    static String executeQuestion(RecoveryPlan plan, Map<String, String> values) {
        StringBuilder text = new StringBuilder("This runs " + plan.name() + " for real, against the live environment, "
                + steps(plan.steps().size()) + " in order:\n");
        for (int i = 0; i < plan.steps().size(); i++) {
            text.append("\n  ").append(i + 1).append(". ").append(plan.steps().get(i).name()).append(" (")
                    .append(plan.steps().get(i).action().type()).append(')');
        }
        if (!values.isEmpty()) {
            text.append("\n\nParameters: ");
            new TreeMap<>(values).forEach((k, v) -> text.append(k).append(" = ").append(v).append("; "));
            text.setLength(text.length() - 2);
        }
        return text.append("\n\nSteps that ask for approval wait for you. Cancel run stops it after the step under way.")
                .toString();
    }

    /** The approval dialog's text: the runbook's question and what each answer does. */
    static String approvalQuestion(RunbookProgress run, StepProgress step, String question) {
        return question + "\n\n" + runTitle(run) + ", run " + run.runId() + ", started by " + run.who() + ".\n"
                + "Approve to go on with step " + step.index() + " (" + step.name() + "). "
                + "Cancel refuses: the step fails and the plan's on-failure rule applies.";
    }

    static String steps(int n) {
        return n + (n == 1 ? " step" : " steps");
    }
}
