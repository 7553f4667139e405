package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupProgress;
import dev.scaledeck.engine.backup.pitr.BaseBackup;
import dev.scaledeck.engine.backup.pitr.BaseBackups;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * user-data-damaged: one user's projects are renamed and half their conversions deleted, just
 * after a restore point the plan gets as {@code at} (with {@code user}). The RPO is the span
 * between the restore point and the damage, once the user's rows match the baseline taken
 * before. Should the plan fail, the cleanup restores the user from a backup taken in
 * {@link #prepare()}, so nothing is lost. Not thread-safe: one run thread uses it.
 */
final class UserDataDrill implements FaultDrill {

    /** Keeps the damage's commit clearly after the restore point on the server's microsecond clock. */
    private static final long MARGIN_MILLIS = 20;

    private final ScalingEngine engine;
    private long user;
    private long newestConversion;
    private String baseline;
    private String userBackup;
    private Instant at;
    private Instant damagedAt;

    UserDataDrill(ScalingEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public String describe() {
        return "Damages one user's rows (renames their projects, deletes half of their conversions) just after a "
                + "restore point; the plan restores the user as of that point";
    }

    @Override
    public void prepare() throws Exception {
        BackupCenter backups = engine.backups();
        BaseBackups bases = backups.baseBackups().orElseThrow(() -> new IllegalStateException(
                "point-in-time recovery unavailable: " + backups.pitrSupport().reason()));
        List<BaseBackup> existing = bases.list();
        Instant baseStop = existing.isEmpty() ? backups.createBaseBackup().stopTime() : existing.get(0).stopTime();
        try (Connection c = open()) {
            user = UserRows.choose(c);
            newestConversion = UserRows.newestConversion(c, user);
            baseline = UserRows.fingerprint(c, user, newestConversion);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the user to damage (tables users, projects, workflows, "
                    + "conversions): " + e.getMessage(), e);
        }
        userBackup = backups.createUserBackup(user).id();
        try (Connection c = open()) {
            at = DrillConnections.serverNow(c);
            while (!at.isAfter(baseStop)) { // recovery needs a base backup finished before the target
                Thread.sleep(MARGIN_MILLIS);
                at = DrillConnections.serverNow(c);
            }
        }
        Thread.sleep(MARGIN_MILLIS);
    }

    @Override
    public Map<String, String> parameters() {
        return at == null ? Map.of() : Map.of("user", Long.toString(user), "at", at.toString());
    }

    @Override
    public Instant inject() throws Exception {
        try (Connection c = open()) {
            damagedAt = UserRows.damage(c, user, newestConversion);
        }
        return damagedAt;
    }

    @Override
    public Rpo measureRpo() throws Exception {
        if (!baseline.equals(fingerprintNow())) {
            throw new IllegalStateException("the restore did not bring user " + user + "'s rows back: their projects, "
                    + "workflows or conversions still differ from the baseline taken before the damage");
        }
        Duration lost = Duration.between(at, damagedAt);
        return new Rpo(lost, "user " + user + " restored as of " + DrillTimes.format(at) + " (the restore point, "
                + lost.toMillis() + " ms before the damage); their rows matched the baseline taken before it");
    }

    @Override
    public List<String> cleanup() {
        if (baseline == null) {
            return List.of("no user's rows were read; nothing to put back");
        }
        try {
            if (baseline.equals(fingerprintNow())) {
                return List.of("user " + user + "'s rows match the baseline; nothing to put back");
            }
            if (userBackup == null) {
                return List.of("user " + user + "'s rows differ from the baseline, and no backup of them was taken");
            }
            engine.backups().restore(userBackup, Optional.empty(), BackupProgress.NONE);
            boolean back = baseline.equals(fingerprintNow());
            return List.of("restored user " + user + " from " + userBackup + " (taken before the damage): "
                    + (back ? "their rows match the baseline again" : "their rows still differ from the baseline; check them"));
        } catch (Exception e) {
            return List.of("could not check or restore user " + user + "'s rows: " + e.getMessage()
                    + (userBackup == null ? "" : "; their backup from before the damage is " + userBackup));
        }
    }

    private String fingerprintNow() throws SQLException {
        try (Connection c = open()) {
            return UserRows.fingerprint(c, user, newestConversion);
        }
    }

    private Connection open() throws SQLException {
        return DrillConnections.open(engine.pool().database());
    }
}
