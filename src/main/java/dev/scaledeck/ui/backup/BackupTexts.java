package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupSchedule;
import dev.scaledeck.engine.backup.RestorePreview;
import dev.scaledeck.engine.backup.RestoreResult;
import dev.scaledeck.engine.backup.RetentionPolicy;
import dev.scaledeck.engine.backup.RpoWatch;
import dev.scaledeck.engine.backup.TableDiff;
import dev.scaledeck.engine.backup.VerificationResult;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How backups, previews and results read in the Backups section: in words, times local. Stateless. */
final class BackupTexts {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private BackupTexts() {
    }

    /** {@code 2026-11-26 14:05:00}, local. */
    static String dateTime(Instant time, ZoneId zone) {
        return DATE_TIME.format(time.atZone(zone));
    }

    /**
     * What a restore would change, table by table, with the totals, and that the current rows
     * are saved first: the body of the confirmation.
     *
     * @param what e.g. {@code Restoring backup full-2026… (full, taken 2026-11-26 14:05:00)}
     */
    static String preview(String what, RestorePreview p, String savedFirst) {
        StringBuilder text = new StringBuilder(what).append(" into ").append(p.target());
        if (p.changesNothing()) {
            text.append(" changes nothing: the rows there are already as in the backup.\n");
        } else {
            text.append(" would insert ").append(Formats.count(p.toInsert())).append(", delete ")
                    .append(Formats.count(p.toDelete())).append(" and change ").append(Formats.count(p.toChange()))
                    .append(" rows:\n");
        }
        for (TableDiff t : p.tables()) {
            text.append("\n  ").append(t.table()).append(": ");
            if (t.changesNothing()) {
                text.append("no change (").append(Formats.count(t.unchanged())).append(" rows)");
            } else {
                text.append("insert ").append(Formats.count(t.toInsert())).append(", delete ")
                        .append(Formats.count(t.toDelete())).append(", change ").append(Formats.count(t.toChange()))
                        .append(" (").append(Formats.count(t.rowsInBackup())).append(" in the backup, ")
                        .append(Formats.count(t.rowsNow())).append(" now)");
            }
        }
        text.append("\n\nIn total: insert ").append(Formats.count(p.toInsert())).append(", delete ")
                .append(Formats.count(p.toDelete())).append(", change ").append(Formats.count(p.toChange()))
                .append(" rows.\n\n").append(savedFirst);
        return text.toString();
    }

    /** What a committed restore did, and where what it replaced went. */
    static String restored(String what, BackupCenter.SafeRestore done) {
        RestoreResult r = done.result();
        return what + " into " + r.target() + ": " + Formats.count(r.rowsAfter()) + " rows now, in "
                + Durations.human(r.took()) + ". " + done.safetyBackup()
                .map(s -> "The rows it replaced are saved as backup " + s + " (restore that to undo).")
                .orElse("There were no current rows to save first.");
    }

    /** The status line after a verification. */
    static String verified(VerificationResult r) {
        if (r.ok()) {
            return r.backupId() + " is intact: every part's checksum matches and a trial restore gave back the same rows"
                    + (r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")");
        }
        return r.backupId() + " FAILED verification: " + r.problems().size()
                + (r.problems().size() == 1 ? " problem" : " problems") + " (" + String.join("; ", r.problems()) + ")";
    }

    /** The problems of a failed verification, one a line, for the error dialog. */
    static String problems(VerificationResult r) {
        StringBuilder text = new StringBuilder("The backup cannot be trusted for a restore:\n");
        r.problems().forEach(p -> text.append("\n• ").append(p));
        return text.toString();
    }

    /**
     * A schedule's state in local time: {@code full every 24h: last run 2026-11-26 02:00:00, next
     * at 2026-11-27 02:00:00}; amber when runs were missed.
     */
    static StatusLine schedule(BackupSchedule.Status s, ZoneId zone) {
        String what = s.schedule().target().key() + " every " + Durations.format(s.schedule().every());
        if (s.lastRun().isEmpty()) {
            return StatusLine.plain(what + ": never ran; due now");
        }
        String last = dateTime(s.lastRun().get(), zone);
        if (!s.due()) {
            return StatusLine.plain(what + ": last run " + last + ", next at " + dateTime(s.nextDue(), zone));
        }
        String missed = s.missed() == 0 ? "" : "; " + s.missed() + " scheduled run" + (s.missed() == 1 ? "" : "s")
                + " missed";
        return new StatusLine(what + ": due since " + dateTime(s.nextDue(), zone) + " (last run " + last + ")" + missed,
                s.missed() > 0 ? StatusStyles.DEGRADED : null);
    }

    /** The RPO of one scope: over it amber, within it green. */
    static StatusLine rpo(RpoWatch.Status s) {
        return new StatusLine(s.describe(),
                s.exceeded() ? StatusStyles.DEGRADED : StatusStyles.GOOD);
    }

    static String retention(RetentionPolicy p) {
        return "Keeps, per scope, the last " + p.last() + " backups and the newest of each of the last " + p.daily()
                + " days, " + p.weekly() + " weeks and " + p.monthly() + " months; the newest verified backup is "
                + "always kept.";
    }

    static String copies(List<Path> repositories) {
        if (repositories.isEmpty()) {
            return "Second copies: none configured (set backup.copies to copy every backup to another disk).";
        }
        return "Second copies: every backup is copied to " + String.join(", ",
                repositories.stream().map(Path::toString).toList()) + ".";
    }
}
