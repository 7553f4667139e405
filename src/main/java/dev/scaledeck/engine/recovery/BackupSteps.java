package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupProgress;
import dev.scaledeck.engine.backup.RestorePreview;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The steps that restore: a backup or a user as of a time, and the primary repository from its copies. */
final class BackupSteps {

    private BackupSteps() {
    }

    static void restoreBackup(StepAction.RestoreBackup step, StepContext c) throws Exception {
        BackupCenter backups = c.engine().backups();
        String scope = c.fill(step.scope());
        BackupProgress progress = (message, fraction) -> { };
        if (step.at().isPresent()) {
            Instant at = instant(c.fill(step.at().get()));
            long user = userId(scope);
            c.say("recovering the cluster as of " + at + " to take user " + user + "'s rows from it");
            try (BackupCenter.UserAsOf prepared = backups.prepareUserAsOf(user, at, progress)) {
                RestorePreview preview = prepared.preview();
                c.say("from base backup " + prepared.baseBackup().id() + ": " + preview.toInsert() + " row(s) to insert, "
                        + preview.toChange() + " to change, " + preview.toDelete() + " to delete");
                BackupCenter.SafeRestore done = prepared.apply(progress);
                c.say("user " + user + " restored as of " + at + done.safetyBackup()
                        .map(s -> "; the rows replaced were saved as " + s).orElse(""));
            }
            return;
        }
        String key = scope.equals("full") ? "full" : "user:" + userId(scope);
        BackupListing newest = backups.list().stream()
                .filter(l -> l.scopeKey().equals(key) && l.verified())
                .findFirst()
                .orElseThrow(() -> new StepFailedException("no verified backup of " + key + " in "
                        + backups.repository().directory()));
        c.say("restoring " + newest.id() + " (" + key + ", taken " + newest.createdAt() + ")");
        BackupCenter.SafeRestore done = backups.restore(newest.id(), Optional.empty(), progress);
        c.say("restored " + done.result().rowsAfter() + " row(s) from " + newest.id() + done.safetyBackup()
                .map(s -> "; what it replaced was saved as " + s).orElse(""));
    }

    static void restoreRepository(StepContext c) throws Exception {
        BackupCenter backups = c.engine().backups();
        if (backups.config().copies().isEmpty()) {
            throw new StepFailedException("no secondary backup repository is configured (backup.copies), "
                    + "so there is no copy to restore the primary repository from");
        }
        for (String line : backups.restoreRepositoryFromCopies((message, fraction) -> { })) {
            c.say(line);
        }
    }

    static Instant instant(String text) throws StepFailedException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new StepFailedException("\"" + text + "\" is not a point in time; use ISO-8601 such as 2026-11-27T10:15:00Z");
        }
    }

    static long userId(String scope) throws StepFailedException {
        if (!scope.startsWith("user:")) {
            throw new StepFailedException("scope \"" + scope + "\" is not user:ID; a point-in-time restore is per user");
        }
        try {
            return Long.parseLong(scope.substring("user:".length()));
        } catch (NumberFormatException e) {
            throw new StepFailedException("scope \"" + scope + "\" is not user:ID with a numeric id");
        }
    }
}
