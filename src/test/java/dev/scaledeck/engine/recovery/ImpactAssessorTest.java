package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.backup.BackupException;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static dev.scaledeck.engine.recovery.ImpactFixtures.NOW;
import static dev.scaledeck.engine.recovery.ImpactFixtures.databaseDown;
import static dev.scaledeck.engine.recovery.ImpactFixtures.drill;
import static dev.scaledeck.engine.recovery.ImpactFixtures.full;
import static dev.scaledeck.engine.recovery.ImpactFixtures.plan;
import static dev.scaledeck.engine.recovery.ImpactFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

class ImpactAssessorTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Function<String, Long> TEN_USERS = sql -> 10L;
    private static final Function<String, Optional<RunbookProgress>> NEVER_DRILLED = id -> Optional.empty();

    private static ImpactAssessor assessor(List<BackupListing> backups, Function<String, Long> countUsers,
                                           Function<String, Optional<RunbookProgress>> lastDrill) {
        return new ImpactAssessor(() -> backups, countUsers, "users", lastDrill, CLOCK);
    }

    private static PlanImpact assessOne(ImpactAssessor assessor, RecoveryPlan plan) {
        ImpactAssessment assessment = assessor.assess(List.of(plan));
        assertThat(assessment.at()).isEqualTo(NOW);
        assertThat(assessment.plans()).hasSize(1);
        return assessment.plans().get(0);
    }

    // ------------------------------------------------------------------ data at risk against the RPO

    @Test
    void shouldFlagDataAtRiskOverTheRpoFromTheNewestVerifiedFullBackup() {
        Instant verifiedAt = Instant.parse("2026-11-26T00:10:00Z");
        List<BackupListing> backups = List.of(full("full-old", verifiedAt.minus(Duration.ofDays(3)), true),
                full("full-verified", verifiedAt, true));

        PlanImpact impact = assessOne(assessor(backups, TEN_USERS, NEVER_DRILLED), databaseDown());

        assertThat(impact.newestVerifiedBackup()).contains(verifiedAt);
        assertThat(impact.dataAtRisk()).contains(Duration.ofHours(26));
        assertThat(impact.rpoMet()).isFalse();
        assertThat(impact.findings()).contains(
                "data at risk 1d 2h exceeds the RPO target 1m (newest verified backup 2026-11-26 00:10 UTC)");
    }

    @Test
    void shouldMeetTheRpoWithARecentVerifiedBackupIgnoringUnverifiedAndUserBackups() {
        Instant verifiedAt = NOW.minus(Duration.ofMinutes(40));
        RecoveryPlan plan = plan("database-down", Duration.ofHours(1), Duration.ofMinutes(5),
                Optional.of(DrillFault.DATABASE_DOWN), BusinessImpact.none());
        List<BackupListing> backups = List.of(full("full-ok", verifiedAt, true),
                full("full-damaged", NOW.minus(Duration.ofMinutes(20)), false),
                user("user-42", 42, NOW.minus(Duration.ofMinutes(5)), true));

        PlanImpact impact = assessOne(assessor(backups, TEN_USERS, NEVER_DRILLED), plan);

        assertThat(impact.newestVerifiedBackup()).contains(verifiedAt);
        assertThat(impact.dataAtRisk()).contains(Duration.ofMinutes(40));
        assertThat(impact.rpoMet()).isTrue();
        assertThat(impact.findings()).contains(
                "data at risk 40m is within the RPO target 1h (newest verified backup 2026-11-27 01:30 UTC)",
                "the newest full backup full-damaged (2026-11-27 01:50 UTC) FAILED its verification and cannot be relied on");
    }

    @Test
    void shouldSayAllDataIsAtRiskWhenNoBackupIsVerified() {
        List<BackupListing> backups = List.of(full("full-new", NOW.minus(Duration.ofMinutes(3)), null));

        PlanImpact impact = assessOne(assessor(backups, TEN_USERS, NEVER_DRILLED), databaseDown());

        assertThat(impact.newestVerifiedBackup()).isEmpty();
        assertThat(impact.dataAtRisk()).isEmpty();
        assertThat(impact.rpoMet()).isFalse();
        assertThat(impact.findings()).contains("no verified backup: all data since the start is at risk",
                "the newest full backup full-new (2026-11-27 02:07 UTC) is not verified yet: "
                        + "`scaledeck backup verify full-new`");
    }

    @Test
    void aBackupRepositoryThatCannotBeListedShouldBeAFindingNotAnException() {
        ImpactAssessor assessor = new ImpactAssessor(() -> {
            throw new BackupException("Backup directory /srv/backups is not readable");
        }, TEN_USERS, "users", NEVER_DRILLED, CLOCK);

        PlanImpact impact = assessOne(assessor, databaseDown());

        assertThat(impact.dataAtRisk()).isEmpty();
        assertThat(impact.findings()).contains("could not list the backups (Backup directory /srv/backups is not "
                + "readable): the data at risk is unknown");
    }

    // ------------------------------------------------------------------ drills against the RTO

    @Test
    void shouldFlagAPlanThatWasNeverDrilled() {
        RecoveryPlan undrillable = plan("instance-crash", Duration.ofMinutes(1), Duration.ofMinutes(5),
                Optional.empty(), BusinessImpact.none());

        ImpactAssessment assessment = assessor(List.of(), TEN_USERS, NEVER_DRILLED)
                .assess(List.of(databaseDown(), undrillable));

        PlanImpact drillable = assessment.plans().get(0);
        assertThat(drillable.neverDrilled()).isTrue();
        assertThat(drillable.measuredRto()).isEmpty();
        assertThat(drillable.rtoMet()).isFalse();
        assertThat(drillable.findings()).contains(
                "never drilled: the expected downtime is unknown — run `scaledeck dr run database-down --drill`");
        assertThat(assessment.plans().get(1).findings()).contains("never drilled: the expected downtime is unknown "
                + "— the plan has no `drill` section, so it cannot be drilled yet");
    }

    @Test
    void shouldReportTheLastDrillsRtoWithinTheTarget() {
        Instant finished = NOW.minus(Duration.ofDays(2));
        RunbookProgress run = drill("database-down", RunState.SUCCEEDED, finished, Duration.ofSeconds(42),
                Duration.ZERO);

        PlanImpact impact = assessOne(assessor(List.of(), TEN_USERS, id -> Optional.of(run)), databaseDown());

        assertThat(impact.lastDrill()).contains(finished);
        assertThat(impact.measuredRto()).contains(Duration.ofSeconds(42));
        assertThat(impact.measuredRpo()).contains(Duration.ZERO);
        assertThat(impact.rtoMet()).isTrue();
        assertThat(impact.findings()).contains("last drill's RTO 42.0 s is within the 5m target")
                .noneMatch(f -> f.startsWith("never drilled") || f.contains("days old") || f.contains("lost"));
    }

    @Test
    void shouldFlagALastDrillOverTheRtoThatLostDataAndIsOld() {
        RunbookProgress run = drill("database-down", RunState.SUCCEEDED, NOW.minus(Duration.ofDays(40)),
                Duration.ofMinutes(7), Duration.ofMinutes(3));

        PlanImpact impact = assessOne(assessor(List.of(), TEN_USERS, id -> Optional.of(run)), databaseDown());

        assertThat(impact.rtoMet()).isFalse();
        assertThat(impact.findings()).contains("last drill's RTO 7m exceeds the 5m target",
                "last drill lost 3m of data, more than the 1m RPO target (rows written after the last backup)",
                "last drill is 40 days old");
    }

    @Test
    void aFailedDrillShouldNotCountAsADrill() {
        RunbookProgress failed = drill("database-down", RunState.FAILED, NOW.minus(Duration.ofHours(1)),
                Duration.ofSeconds(30), Duration.ZERO);

        PlanImpact impact = assessOne(assessor(List.of(), TEN_USERS, id -> Optional.of(failed)), databaseDown());

        assertThat(impact.neverDrilled()).isTrue();
        assertThat(impact.findings()).anyMatch(f -> f.startsWith("never drilled"));
    }

    @Test
    void aDrillJournalThatCannotBeReadShouldBeAFindingNotAnException() {
        Function<String, Optional<RunbookProgress>> broken = id -> {
            throw new UncheckedIOException(new NoSuchFileException("recovery/runs"));
        };

        PlanImpact impact = assessOne(assessor(List.of(), TEN_USERS, broken), databaseDown());

        assertThat(impact.neverDrilled()).isTrue();
        assertThat(impact.findings()).contains(
                "could not read the drill history (java.nio.file.NoSuchFileException: recovery/runs): "
                        + "the expected downtime is unknown");
    }

    // ------------------------------------------------------------------ users affected

    @Test
    void aCountThatCannotReachTheDatabaseShouldBeReportedNotThrown() {
        Function<String, Long> unreachable = sql -> {
            throw new IllegalStateException("count failed",
                    new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms."));
        };

        PlanImpact impact = assessOne(assessor(List.of(), unreachable, NEVER_DRILLED), databaseDown());

        assertThat(impact.affectedUsers()).isEmpty();
        assertThat(impact.usersNote()).isEqualTo("could not count: database unreachable (Connection is not available, "
                + "request timed out after 5000ms.); query: SELECT count(*) FROM \"users\"");
        assertThat(impact.findings()).anyMatch(f -> f.startsWith("affected users could not be counted: database unreachable"));
    }

    @Test
    void aFailingQueryShouldBeReportedWithTheFirstLineOfItsError() {
        Function<String, Long> failing = sql -> {
            throw new IllegalStateException(new SQLException("ERROR: relation \"users\" does not exist\n  Position: 22",
                    "42P01"));
        };

        PlanImpact impact = assessOne(assessor(List.of(), failing, NEVER_DRILLED), databaseDown());

        assertThat(impact.affectedUsers()).isEmpty();
        assertThat(impact.usersNote()).startsWith(
                "could not count: the query failed (ERROR: relation \"users\" does not exist); query: ");
    }

    @Test
    void theDefaultQueryShouldCountTheConfiguredUserTableQuotedAndOnceForAllPlans() {
        List<String> queries = new ArrayList<>();
        Function<String, Long> recording = sql -> {
            queries.add(sql);
            return 7L;
        };
        ImpactAssessor assessor = new ImpactAssessor(List::of, recording, "app.member\"s", NEVER_DRILLED, CLOCK);

        ImpactAssessment assessment = assessor.assess(List.of(databaseDown(), databaseDown()));

        assertThat(queries).containsExactly("SELECT count(*) FROM \"app\".\"member\"\"s\"");
        assertThat(assessment.plans()).allSatisfy(p -> {
            assertThat(p.affectedUsers()).hasValue(7);
            assertThat(p.usersNote()).isEqualTo("every row of the user table app.member\"s (backup.userTable)");
        });
        assertThat(ImpactAssessor.quoteTable("users")).isEqualTo("\"users\"");
    }

    @Test
    void shouldCountUsersInARealDatabaseWithTheDefaultAndThePlansOwnQuery() throws SQLException {
        DatabaseUrl db = TestPostgres.freshDatabase();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL)");
            s.execute("INSERT INTO users VALUES (1, true), (2, true), (3, false)");
        }
        Function<String, Long> jdbcCount = sql -> {
            try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        RecoveryPlan activeOnly = plan("user-data-damaged", Duration.ofMinutes(1), Duration.ofMinutes(5),
                Optional.empty(), new BusinessImpact(List.of(), List.of(), 0, "EUR",
                        Optional.of("SELECT count(*) FROM users WHERE active")));
        RecoveryPlan missingTable = plan("broken", Duration.ofMinutes(1), Duration.ofMinutes(5), Optional.empty(),
                new BusinessImpact(List.of(), List.of(), 0, "EUR", Optional.of("SELECT count(*) FROM customers")));

        ImpactAssessment assessment = assessor(List.of(), jdbcCount, NEVER_DRILLED)
                .assess(List.of(databaseDown(), activeOnly, missingTable));

        assertThat(assessment.plans().get(0).affectedUsers()).hasValue(3);
        assertThat(assessment.plans().get(1).affectedUsers()).hasValue(2);
        assertThat(assessment.plans().get(1).usersNote())
                .isEqualTo("counted with the plan's usersQuery: SELECT count(*) FROM users WHERE active");
        assertThat(assessment.plans().get(2).affectedUsers()).isEmpty();
        assertThat(assessment.plans().get(2).usersNote())
                .startsWith("could not count: the query failed (ERROR: relation \"customers\" does not exist)");
    }

    private static Connection connect(DatabaseUrl db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
