package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupManifest;
import dev.scaledeck.engine.backup.BackupScope;
import dev.scaledeck.engine.backup.StoredBackup;
import dev.scaledeck.engine.backup.VerificationRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built plans, backups and drill runs for the impact assessment's tests. */
final class ImpactFixtures {

    static final Instant NOW = Instant.parse("2026-11-27T02:10:00Z");

    private ImpactFixtures() {
    }

    static RecoveryPlan plan(String id, Duration rpo, Duration rto, Optional<DrillFault> drill, BusinessImpact impact) {
        PlanStep step = new PlanStep("Confirm the database is down", new StepAction.HealthCheck("database", false),
                Duration.ofSeconds(10), 0, Duration.ofSeconds(1), OnFailure.ABORT, List.of(), 0);
        return new RecoveryPlan(id, "Database down", "The database does not answer.", "built-in:" + id + ".yaml",
                List.of("database_connection_failed"), rpo, rto, impact, drill, Map.of(), List.of(step));
    }

    /** {@code database-down}: RPO 1m, RTO 5m, drillable, 1,200 EUR an hour, counted with the default query. */
    static RecoveryPlan databaseDown() {
        return plan("database-down", Duration.ofMinutes(1), Duration.ofMinutes(5), Optional.of(DrillFault.DATABASE_DOWN),
                new BusinessImpact(List.of("converter API", "project editor"), List.of("all signed-in users"), 1200,
                        "EUR", Optional.empty()));
    }

    /** A full backup; {@code verified} null for never verified, else the outcome of its last verification. */
    static BackupListing full(String id, Instant createdAt, Boolean verified) {
        return listing(id, BackupScope.FULL, null, createdAt, verified);
    }

    static BackupListing user(String id, long userId, Instant createdAt, Boolean verified) {
        return listing(id, BackupScope.USER, userId, createdAt, verified);
    }

    private static BackupListing listing(String id, BackupScope scope, Long userId, Instant createdAt, Boolean verified) {
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, id, scope, userId, createdAt,
                "jdbc:postgresql://localhost/app", "17.2", null, "fingerprint", List.of());
        Optional<VerificationRecord> record = Optional.ofNullable(verified).map(ok -> new VerificationRecord(
                createdAt.plusSeconds(60), ok, ok ? List.of() : List.of("users: part damaged"), "abc123"));
        return new BackupListing(new StoredBackup(manifest, Path.of(id + ".sdbk"), 4096, record), 0, 0);
    }

    /** A drill run of the plan that ended at {@code finished} with the given state and measured RTO and RPO. */
    static RunbookProgress drill(String planId, RunState state, Instant finished, Duration rto, Duration rpo) {
        Instant faultAt = finished.minus(rto);
        DrillMeasurement measured = new DrillMeasurement(DrillFault.DATABASE_DOWN, faultAt,
                Optional.of(faultAt.plusSeconds(2)), finished, rto, rpo, "rows written after the last backup",
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        return new RunbookProgress("20261101-100000-" + planId + "-drill", planId, "Database down", RunMode.DRILL,
                Map.of(), state, faultAt.minusSeconds(5), Optional.of(finished), List.of(), "recovered",
                state == RunState.SUCCEEDED ? Optional.of(measured) : Optional.empty(), "operator (cli)");
    }
}
