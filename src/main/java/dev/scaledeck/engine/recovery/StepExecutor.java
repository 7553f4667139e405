package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one attempt of a step, and says in words what a step does (for the progress list and dry
 * runs). Approval steps are the run's own business ({@link RunbookRun}). Stateless.
 */
final class StepExecutor {

    private StepExecutor() {
    }

    /**
     * @throws StepFailedException         the step did not achieve its purpose (the message says what was found)
     * @throws StepNotApplicableException  the step does not apply here; it is skipped
     * @throws Exception                   anything else that went wrong, reported as the step's failure
     */
    static void attempt(StepAction action, StepContext c, Duration timeout, String runId) throws Exception {
        String who = "runbook " + runId;
        if (action instanceof StepAction.HealthCheck a) {
            EngineSteps.healthCheck(a, c);
        } else if (action instanceof StepAction.Wait a) {
            EngineSteps.waitFor(a, c);
        } else if (action instanceof StepAction.Failover a) {
            EngineSteps.failover(a, c);
        } else if (action instanceof StepAction.StartDatabase) {
            EngineSteps.startDatabase(c);
        } else if (action instanceof StepAction.RestoreBackup a) {
            BackupSteps.restoreBackup(a, c);
        } else if (action instanceof StepAction.RestoreRepository) {
            BackupSteps.restoreRepository(c);
        } else if (action instanceof StepAction.Scale a) {
            EngineSteps.scale(a, c, who);
        } else if (action instanceof StepAction.Instance a) {
            EngineSteps.instance(a, c, who);
        } else if (action instanceof StepAction.Http a) {
            ExternalSteps.http(a, c, timeout);
        } else if (action instanceof StepAction.Sql a) {
            ExternalSteps.sql(a, c, timeout);
        } else if (action instanceof StepAction.Command a) {
            ExternalSteps.command(a, c);
        } else if (action instanceof StepAction.Notify a) {
            ExternalSteps.notify(a, c, runId);
        } else {
            throw new IllegalStateException("approval steps are answered by the run");
        }
    }

    /** What the step does, with the placeholders filled (left as written where a value is missing). */
    static String describe(StepAction action, Map<String, String> values) {
        if (action instanceof StepAction.HealthCheck a) {
            return "check " + fill(a.target(), values) + ", expect it to " + (a.expectPass() ? "pass" : "fail");
        } else if (action instanceof StepAction.Wait a) {
            return "wait until " + fill(a.condition().describe(), values) + " (checked every "
                    + dev.scaledeck.engine.config.Durations.format(a.every()) + ")";
        } else if (action instanceof StepAction.Failover a) {
            return "fail " + fill(a.target(), values) + " over to its standby if the active endpoint is down";
        } else if (action instanceof StepAction.StartDatabase) {
            return "start the database server ScaleDeck runs, wait until it answers";
        } else if (action instanceof StepAction.RestoreBackup a) {
            return a.at().isPresent()
                    ? "restore " + fill(a.scope(), values) + " as of " + fill(a.at().get(), values)
                        + " (point-in-time recovery; the rows replaced are saved first)"
                    : "restore the newest verified backup of " + fill(a.scope(), values) + " (what it replaces is saved first)";
        } else if (action instanceof StepAction.RestoreRepository) {
            return "copy the backups the primary repository lacks back from a secondary copy, check each, verify the newest";
        } else if (action instanceof StepAction.Scale a) {
            return "scale to " + fill(a.to(), values) + " replica(s)";
        } else if (action instanceof StepAction.Instance a) {
            return (a.eject() ? "eject " : "restore ") + fill(a.instance(), values)
                    + (a.eject() ? " from" : " to") + " the balancer's rotation";
        } else if (action instanceof StepAction.Http a) {
            return a.method() + " " + shownUrl(fill(a.url(), values))
                    + ", expect " + (a.expectStatus() == 0 ? "2xx" : Integer.toString(a.expectStatus()));
        } else if (action instanceof StepAction.Sql a) {
            return "SQL: " + a.statement().replaceAll("\\s+", " ") + a.expect().map(e -> ", expect " + e).orElse("")
                    + boundValues(a.statement(), values);
        } else if (action instanceof StepAction.Command a) {
            return "run " + String.join(" ", a.argv().stream().map(s -> quote(fill(s, values))).toList()) + " (no shell)";
        } else if (action instanceof StepAction.Notify a) {
            return "notify: " + fill(a.message(), values) + a.webhook().map(w -> " (and the webhook)").orElse("");
        } else {
            return "ask the operator: " + fill(((StepAction.Approve) action).question(), values);
        }
    }

    private static String shownUrl(String url) {
        try {
            return ExternalSteps.masked(ExternalSteps.httpUrl(url));
        } catch (StepFailedException e) {
            return "the plan's URL (not a complete http(s) URL until its placeholders are filled)";
        }
    }

    private static String boundValues(String statement, Map<String, String> values) {
        List<String> names = Placeholders.names(statement);
        if (names.isEmpty()) {
            return "";
        }
        List<String> bound = new ArrayList<>();
        for (String n : names) {
            bound.add("${" + n + "} = " + values.getOrDefault(n, "?"));
        }
        return " (bound: " + String.join(", ", bound) + ")";
    }

    private static String quote(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(ch -> Character.isWhitespace(ch) || "'\"\\$;|&<>`".indexOf(ch) >= 0)
                ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }

    static String fill(String text, Map<String, String> values) {
        try {
            return Placeholders.fill(text, values);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** Checks a dry run can make without changing anything: what would stop this step from working here. */
    static List<String> preview(StepAction action, StepContext c) {
        List<String> notes = new ArrayList<>();
        var engine = c.engine();
        if (action instanceof StepAction.StartDatabase) {
            notes.add(c.database().isPresent() ? "the database server is run by ScaleDeck here"
                    : "not applicable here: ScaleDeck does not run this database");
        } else if (action instanceof StepAction.Failover a) {
            boolean present = a.target().equals("database") ? engine.databaseFailover().isPresent()
                    : engine.httpFailover(a.target()).isPresent();
            notes.add(present ? "a standby is configured" : "not applicable here: no standby is configured for " + a.target());
        } else if (action instanceof StepAction.Scale) {
            EngineSteps.platformProblem(engine).ifPresentOrElse(notes::add,
                    () -> notes.add("platform " + engine.platform().orElseThrow().target() + " now at "
                            + engine.platform().orElseThrow().replicas().desired() + " replica(s)"));
        } else if (action instanceof StepAction.RestoreRepository) {
            int copies = engine.backups().config().copies().size();
            notes.add(copies == 0 ? "will fail: no secondary repository is configured (backup.copies)"
                    : copies + " secondary repositor" + (copies == 1 ? "y" : "ies") + " to restore from");
        } else if (action instanceof StepAction.RestoreBackup a && a.at().isPresent()
                && !engine.backups().pitrSupport().available()) {
            notes.add("will fail: " + engine.backups().pitrSupport().reason());
        }
        return notes;
    }
}
