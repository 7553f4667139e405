package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.backup.BackupListing;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Assesses the business impact of every plan's scenario now: users affected (counted in the
 * database), data at risk (age of the newest verified full backup) and expected downtime (the last
 * successful drill's RTO), each against the plan's targets, with one finding per line.
 * {@link #assess} never throws for a database or backup repository that does not answer: what
 * could not be found out is a finding. Thread-safe when its collaborators are.
 */
final class ImpactAssessor {

    private final Supplier<List<BackupListing>> backups;
    private final Function<String, Long> countUsers;
    private final String defaultUsersQuery;
    private final String userTable;
    private final Function<String, Optional<RunbookProgress>> lastDrill;
    private final Clock clock;

    /**
     * @param backups    every backup with its last verification ({@code BackupCenter::list})
     * @param countUsers runs a query returning one number and returns it; throws when it cannot
     * @param userTable  {@code backup.userTable}: {@code users} or {@code schema.table}, counted when a
     *                   plan has no {@code usersQuery}
     * @param lastDrill  a plan's last successful drill, by plan id
     * @param clock      the engine clock
     */
    ImpactAssessor(Supplier<List<BackupListing>> backups, Function<String, Long> countUsers, String userTable,
                   Function<String, Optional<RunbookProgress>> lastDrill, Clock clock) {
        this.backups = Objects.requireNonNull(backups, "backups");
        this.countUsers = Objects.requireNonNull(countUsers, "countUsers");
        this.userTable = Objects.requireNonNull(userTable, "userTable");
        if (userTable.isBlank()) {
            throw new IllegalArgumentException("userTable must name a table, but was '" + userTable + "'");
        }
        this.defaultUsersQuery = "SELECT count(*) FROM " + quoteTable(userTable);
        this.lastDrill = Objects.requireNonNull(lastDrill, "lastDrill");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One {@link PlanImpact} per plan, in the plans' order. */
    ImpactAssessment assess(List<RecoveryPlan> plans) {
        Instant now = clock.instant();
        VerifiedBackups verified = VerifiedBackups.of(backups);
        Map<String, UserCount> counts = new HashMap<>();
        List<PlanImpact> impacts = new ArrayList<>();
        for (RecoveryPlan plan : plans) {
            String query = plan.impact().usersQuery().orElse(defaultUsersQuery);
            UserCount users = counts.computeIfAbsent(query, q -> count(q, plan.impact().usersQuery().isPresent()));
            impacts.add(assess(plan, now, verified, users));
        }
        return new ImpactAssessment(now, impacts);
    }

    private PlanImpact assess(RecoveryPlan plan, Instant now, VerifiedBackups verified, UserCount users) {
        Optional<Instant> newest = verified.newest().map(BackupListing::createdAt);
        Optional<Duration> dataAtRisk = newest.map(t -> Duration.between(t, now));
        LastDrill drill = LastDrill.of(lastDrill, plan.id());
        Optional<DrillMeasurement> measured = drill.measured();

        List<String> findings = new ArrayList<>();
        users.failure().ifPresent(reason -> findings.add("affected users could not be counted: " + reason));
        findings.addAll(ImpactFindings.dataAtRisk(verified, dataAtRisk, plan.rpo()));
        findings.addAll(ImpactFindings.drill(plan, drill, now));

        BusinessImpact impact = plan.impact();
        return new PlanImpact(plan.id(), plan.name(), impact.services(), impact.userGroups(), users.count(),
                users.note(), newest, dataAtRisk, plan.rpo(), drill.at(), measured.map(DrillMeasurement::rto),
                measured.map(DrillMeasurement::rpo), plan.rto(), impact.costPerHour(), impact.currency(), findings);
    }

    private UserCount count(String query, boolean plansOwn) {
        String how = plansOwn ? "counted with the plan's usersQuery: " + query
                : "every row of the user table " + userTable + " (backup.userTable)";
        try {
            Long n = countUsers.apply(query);
            if (n == null) {
                return UserCount.failed("the query returned no number; query: " + query);
            }
            return UserCount.counted(n, how);
        } catch (RuntimeException e) {
            return UserCount.failed(describe(e) + "; query: " + query);
        }
    }

    /**
     * {@code "users"} or {@code "schema"."table"}: the first dot separates the schema, as
     * {@code backup.userTable} is read elsewhere; quoting keeps the name from being SQL.
     */
    static String quoteTable(String table) {
        int dot = table.indexOf('.');
        return dot > 0 ? quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1)) : quote(table);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * "database unreachable (Connection refused)" or "the query failed (ERROR: relation ...)":
     * connection trouble anywhere in the causes (SQL state class 08, a refused connection, a pool
     * timeout) is said as such, since the operator fixes it elsewhere than the query.
     */
    static String describe(RuntimeException e) {
        Throwable sql = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (unreachable(t)) {
                return "database unreachable (" + firstLine(t) + ")";
            }
            if (sql == null && t instanceof SQLException) {
                sql = t;
            }
        }
        return "the query failed (" + firstLine(sql != null ? sql : e) + ")";
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException) {
            return true;
        }
        return t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08");
    }

    /** The exception's message, its first line only (PostgreSQL adds a position and hints below). */
    static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** The users counted for one query, or why they could not be. */
    private record UserCount(OptionalLong count, String note, Optional<String> failure) {

        static UserCount counted(long n, String how) {
            return new UserCount(OptionalLong.of(n), how, Optional.empty());
        }

        static UserCount failed(String reason) {
            return new UserCount(OptionalLong.empty(), "could not count: " + reason, Optional.of(reason));
        }
    }
}
