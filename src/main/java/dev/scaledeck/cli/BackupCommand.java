package dev.scaledeck.cli;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupManifest;
import dev.scaledeck.engine.backup.BackupProgress;
import dev.scaledeck.engine.backup.BackupSchedule;
import dev.scaledeck.engine.backup.RestorePreview;
import dev.scaledeck.engine.backup.RestoreResult;
import dev.scaledeck.engine.backup.RpoWatch;
import dev.scaledeck.engine.backup.TableDiff;
import dev.scaledeck.engine.backup.TablePart;
import dev.scaledeck.engine.backup.VerificationResult;
import dev.scaledeck.engine.backup.pitr.BaseBackup;
import dev.scaledeck.engine.backup.pitr.RecoveredCluster;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.util.Sizes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code scaledeck backup ...}: take, list, verify and restore backups, also as of a point in time. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Logical backups of a user or the whole database, base backups for point-in-time recovery, "
                + "verification and restores (each restore into the live database saves what it replaces first).",
        subcommands = {BackupCommand.Create.class, BackupCommand.ListBackups.class, BackupCommand.Verify.class,
                BackupCommand.Restore.class})
public final class BackupCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaleDeckCommand root;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: use 'scaledeck backup create', 'list', "
                + "'verify' or 'restore'");
    }

    /** Shared by the sub-commands: the root command comes through {@code backup}. */
    abstract static class Sub extends EngineCommand {
        @ParentCommand
        BackupCommand parent;

        @Override
        ScaleDeckCommand root() {
            return parent.root;
        }

        /** Progress goes to stderr (never stdout, which may be JSON), one line per step. */
        BackupProgress progress() {
            PrintWriter err = spec.commandLine().getErr();
            String[] last = {""};
            return (step, fraction) -> {
                if (!json && !step.equals(last[0])) {
                    last[0] = step;
                    err.printf("  %3.0f%%  %s%n", fraction * 100, step);
                    err.flush();
                }
            };
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Back up one user's rows, the whole database, or (embedded database) a base backup for "
                    + "point-in-time recovery. The backup is copied to the secondary repositories.")
    static final class Create extends Sub {

        @ArgGroup(multiplicity = "1")
        What what;

        static final class What {
            @Option(names = "--user", paramLabel = "ID", description = "The user whose rows to back up.")
            Long user;
            @Option(names = "--full", description = "Every table.")
            boolean full;
            @Option(names = "--base", description = "A base backup of the cluster's files (embedded database only).")
            boolean base;
        }

        @Option(names = "--verify", description = "Verify the new backup at once (checksums and a trial restore).")
        boolean verify;

        @Override
        public Integer call() throws Exception {
            return withEngine((engine, config) -> {
                BackupCenter backups = engine.backups();
                if (what.base) {
                    BaseBackup b = backups.createBaseBackup();
                    if (json) {
                        OneShot.printJson(out(), Map.of("id", b.id(), "kind", "base", "startTime", b.startTime().toString(),
                                "stopTime", b.stopTime().toString(), "sizeBytes", b.sizeBytes(), "directory",
                                b.directory().toString()));
                    } else {
                        out().printf("Base backup %s: %s, WAL %s..%s, in %s%n", b.id(), Sizes.human(b.sizeBytes()),
                                b.startLsn(), b.stopLsn(), b.directory());
                        out().flush();
                    }
                    return ExitCodes.OK;
                }
                BackupManifest m = what.user != null
                        ? backups.createUserBackup(what.user, progress())
                        : backups.createFullBackup(progress());
                Optional<VerificationResult> v = verify ? Optional.of(backups.verify(m.id(), progress())) : Optional.empty();
                if (json) {
                    Map<String, Object> doc = manifestJson(m);
                    v.ifPresent(r -> doc.put("verification", verificationJson(r)));
                    OneShot.printJson(out(), doc);
                } else {
                    out().printf("Backup %s: %s, %,d rows in %d tables, %s%n", m.id(), m.describe(), m.totalRows(),
                            m.tables().size(), backups.repository().path(m.id()));
                    v.ifPresent(r -> printVerification(out(), r));
                    out().flush();
                }
                return v.map(r -> r.ok() ? ExitCodes.OK : ExitCodes.PROBLEM).orElse(ExitCodes.OK);
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Backups (newest first), base backups, schedules and the RPO status of each scheduled scope.%n"
                    + "'scaledeck health' is the command whose exit code reports problems.")
    static final class ListBackups extends Sub {

        @Override
        public Integer call() throws Exception {
            return withEngine((engine, config) -> {
                BackupCenter backups = engine.backups();
                BackupCenter.Overview overview = backups.overview();
                List<BackupListing> listings = overview.backups();
                List<BaseBackup> bases = overview.baseBackups();
                List<BackupSchedule.Status> schedules = overview.schedules();
                List<RpoWatch.Status> rpo = overview.rpo();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("directory", backups.repository().directory().toString());
                    List<Object> items = new ArrayList<>();
                    for (BackupListing l : listings) {
                        Map<String, Object> item = manifestJson(l.backup().manifest());
                        item.put("sizeBytes", l.backup().sizeBytes());
                        item.put("verification", l.verification());
                        item.put("copies", l.copies());
                        items.add(item);
                    }
                    doc.put("backups", items);
                    doc.put("baseBackups", bases.stream().map(b -> Map.of("id", b.id(), "stopTime", b.stopTime().toString(),
                            "sizeBytes", b.sizeBytes())).toList());
                    doc.put("schedules", schedules.stream().map(BackupSchedule.Status::describe).toList());
                    doc.put("rpo", rpo.stream().map(s -> Map.of("scope", s.scope(), "exceeded", s.exceeded(),
                            "status", s.describe())).toList());
                    doc.put("pointInTimeRecovery", overview.pitr().reason());
                    OneShot.printJson(out(), doc);
                } else {
                    PrintWriter out = out();
                    out.printf("Backups in %s%n", backups.repository().directory());
                    if (listings.isEmpty()) {
                        out.println("  (none yet: scaledeck backup create --full)");
                    }
                    for (BackupListing l : listings) {
                        BackupManifest m = l.backup().manifest();
                        out.printf("  %-32s %-10s %-20s %10s %,10d rows  %-20s %s%n", l.id(), m.describe(),
                                m.createdAt().toString(), Sizes.human(l.backup().sizeBytes()), m.totalRows(),
                                l.verification(), l.repositories() == 0 ? "" : "copies " + l.copies() + "/" + l.repositories());
                    }
                    if (!bases.isEmpty()) {
                        out.println("Base backups (point-in-time recovery from their stop time on)");
                        bases.forEach(b -> out.printf("  %-32s %s  %s%n", b.id(), b.stopTime(), Sizes.human(b.sizeBytes())));
                    }
                    out.println("Schedules");
                    schedules.forEach(s -> out.println("  " + s.describe()));
                    out.println("RPO");
                    rpo.forEach(s -> out.println("  " + (s.exceeded() ? "OVER  " : "ok    ") + s.describe()));
                    out.println("Point-in-time recovery: " + overview.pitr().reason());
                    out.flush();
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every part's SHA-256, restore into a scratch database and compare row counts and "
                    + "content checksums; check the second copies.%nExit 0 when intact, 1 when not.")
    static final class Verify extends Sub {

        @Parameters(paramLabel = "ID", description = "The backup, as 'backup list' shows it.")
        String id;

        @Override
        public Integer call() throws Exception {
            return withEngine((engine, config) -> {
                VerificationResult r = engine.backups().verify(id, progress());
                if (json) {
                    OneShot.printJson(out(), verificationJson(r));
                } else {
                    printVerification(out(), r);
                    out().flush();
                }
                return r.ok() ? ExitCodes.OK : ExitCodes.PROBLEM;
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore a backup (ID), or a user as of a time (--user ID --at TIME), or recover the whole "
                    + "cluster as of a time into a copy beside it (--at TIME). Shows what will change and asks first "
                    + "(--yes skips the question). Into the live database, what is replaced is saved as a backup first.")
    static final class Restore extends Sub {

        @Parameters(paramLabel = "ID", arity = "0..1", description = "The backup to restore.")
        String id;

        @Option(names = "--user", paramLabel = "ID", description = "With --at: the user to restore as of that time.")
        Long user;

        @Option(names = "--at", paramLabel = "TIME", description = "Point in time: " + PointInTimeArgument.ALLOWED + ".")
        String at;

        @Option(names = "--target-url", paramLabel = "JDBC", description = "Restore into this database instead "
                + "(its tables must exist).")
        String targetUrl;

        @Option(names = "--yes", description = "Do not ask; restore.")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if ((id == null) == (at == null)) {
                throw new ParameterException(spec.commandLine(), "Give a backup ID, or --at TIME (with --user ID for one user)");
            }
            if (id != null && user != null) {
                throw new ParameterException(spec.commandLine(), "--user goes with --at; a backup ID says its own user");
            }
            if (at != null && targetUrl != null) {
                throw new ParameterException(spec.commandLine(), "--target-url goes with a backup ID, not with --at");
            }
            Optional<DatabaseUrl> target;
            try {
                target = Optional.ofNullable(targetUrl).map(DatabaseUrl::parse);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--target-url = '" + DatabaseUrl.maskPasswords(targetUrl)
                        + "' is not valid: " + e.getMessage());
            }
            Instant when;
            try {
                when = at == null ? null : PointInTimeArgument.parse(at, java.time.Clock.systemUTC(), ZoneId.systemDefault());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return withEngine((engine, config) -> {
                if (id != null) {
                    return restoreBackup(engine, target);
                }
                return user != null ? restoreUserAsOf(engine, user, when) : recoverCluster(engine, when);
            });
        }

        private int restoreBackup(ScalingEngine engine, Optional<DatabaseUrl> target) throws IOException {
            BackupCenter backups = engine.backups();
            RestorePreview preview = backups.previewRestore(id, target);
            if (!confirmed(preview, "Restoring " + id, "Restore " + id + " into " + preview.target())) {
                return ExitCodes.PROBLEM;
            }
            BackupCenter.SafeRestore done = backups.restore(id, target, progress());
            report(done.result(), done.safetyBackup(), preview);
            return ExitCodes.OK;
        }

        private int restoreUserAsOf(ScalingEngine engine, long userId, Instant when) throws IOException {
            try (BackupCenter.UserAsOf prepared = engine.backups().prepareUserAsOf(userId, when, progress())) {
                RestorePreview preview = prepared.preview();
                if (!json) {
                    out().printf("User %d as of %s, recovered from base backup %s and the WAL archive%n", userId, when,
                            prepared.baseBackup().id());
                }
                if (!confirmed(preview, "Restoring user " + userId + " as of " + when,
                        "Replace user " + userId + "'s rows with their rows as of " + when)) {
                    return ExitCodes.PROBLEM;
                }
                BackupCenter.SafeRestore done = prepared.apply(progress());
                report(done.result(), done.safetyBackup(), preview);
                return ExitCodes.OK;
            }
        }

        private int recoverCluster(ScalingEngine engine, Instant when) throws IOException {
            if (!yes && !askYes("Recover the whole cluster as of " + when + " into a copy beside the live one")) {
                return ExitCodes.PROBLEM;
            }
            RecoveredCluster recovered = engine.backups().recoverCluster(when, progress());
            recovered.keep();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("recoveredTo", when.toString());
            doc.put("baseBackup", recovered.baseBackup().id());
            doc.put("dataDirectory", recovered.dataDirectory().toString());
            recovered.close();
            if (json) {
                OneShot.printJson(out(), doc);
            } else {
                out().printf("The cluster as of %s (from base backup %s) is in%n  %s%n", when,
                        recovered.baseBackup().id(), recovered.dataDirectory());
                out().printf("To make it the database: stop ScaleDeck, move %s aside, move the directory above to "
                        + "its place, and start ScaleDeck; then take a new base backup (the copy runs on a new "
                        + "timeline).%n", engine.config().home().resolve("postgres"));
                out().flush();
            }
            return ExitCodes.OK;
        }

        private boolean confirmed(RestorePreview preview, String what, String action) throws IOException {
            if (json && !yes) {
                OneShot.printJson(out(), Map.of("preview", previewJson(preview), "restored", false,
                        "hint", "re-run with --yes to restore"));
                return false;
            }
            if (!json) {
                printPreview(out(), what, preview);
            }
            return yes || askYes(action);
        }

        private boolean askYes(String action) throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            if (System.console() == null) {
                err.println("Not restoring: " + action + " needs confirmation; re-run with --yes.");
                err.flush();
                return false;
            }
            err.print(action + "? Type 'yes' to go ahead: ");
            err.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            boolean go = answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
            if (!go) {
                err.println("Not restoring.");
                err.flush();
            }
            return go;
        }

        private void report(RestoreResult r, Optional<String> safety, RestorePreview preview) throws IOException {
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("preview", previewJson(preview));
                doc.put("restored", true);
                doc.put("backup", r.backupId());
                doc.put("target", r.target());
                doc.put("rowsAfter", r.rowsAfter());
                doc.put("tookMs", r.took().toMillis());
                safety.ifPresent(s -> doc.put("safetyBackup", s));
                OneShot.printJson(out(), doc);
            } else {
                out().printf("Restored into %s: %,d rows now, in %,d ms%n", r.target(), r.rowsAfter(), r.took().toMillis());
                safety.ifPresent(s -> out().printf("What was replaced is saved as backup %s%n", s));
                out().flush();
            }
        }
    }

    static Map<String, Object> manifestJson(BackupManifest m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", m.id());
        doc.put("scope", m.scope().name().toLowerCase(Locale.ROOT));
        if (m.userId() != null) {
            doc.put("userId", m.userId());
        }
        doc.put("createdAt", m.createdAt().toString());
        doc.put("source", m.source());
        doc.put("walPosition", m.walPosition());
        doc.put("rows", m.totalRows());
        List<Object> tables = new ArrayList<>();
        for (TablePart p : m.tables()) {
            tables.add(Map.of("table", p.tableName().toString(), "rows", p.rows(), "sha256", p.sha256()));
        }
        doc.put("tables", tables);
        return doc;
    }

    static Map<String, Object> verificationJson(VerificationResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backup", r.backupId());
        doc.put("ok", r.ok());
        doc.put("problems", r.problems());
        doc.put("notes", r.notes());
        doc.put("verifiedAt", r.verifiedAt().toString());
        return doc;
    }

    static Map<String, Object> previewJson(RestorePreview p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backup", p.backupId());
        doc.put("target", p.target());
        doc.put("toInsert", p.toInsert());
        doc.put("toDelete", p.toDelete());
        doc.put("toChange", p.toChange());
        doc.put("tables", p.tables().stream().map(t -> Map.of("table", t.table(), "inBackup", t.rowsInBackup(),
                "now", t.rowsNow(), "insert", t.toInsert(), "delete", t.toDelete(), "change", t.toChange(),
                "unchanged", t.unchanged())).toList());
        return doc;
    }

    static void printVerification(PrintWriter out, VerificationResult r) {
        out.printf("%s %s%n", r.backupId(), r.ok() ? "is intact: every part's SHA-256 matches and a trial restore gave back "
                + "the same rows" : "FAILED verification:");
        r.problems().forEach(p -> out.println("  - " + p));
        r.notes().forEach(n -> out.println("  note: " + n));
    }

    static void printPreview(PrintWriter out, String what, RestorePreview p) {
        out.printf("%s into %s would insert %,d, delete %,d and change %,d rows:%n", what, p.target(),
                p.toInsert(), p.toDelete(), p.toChange());
        out.printf("  %-28s %10s %10s %8s %8s %8s %10s%n", "table", "in backup", "now", "insert", "delete", "change", "unchanged");
        for (TableDiff t : p.tables()) {
            out.printf("  %-28s %,10d %,10d %,8d %,8d %,8d %,10d%n", t.table(), t.rowsInBackup(), t.rowsNow(), t.toInsert(),
                    t.toDelete(), t.toChange(), t.unchanged());
        }
        out.flush();
    }
}
